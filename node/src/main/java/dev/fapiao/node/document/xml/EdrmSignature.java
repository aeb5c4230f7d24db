package dev.fapiao.node.document.xml;

import java.math.BigInteger;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;

/**
 * The {@code fp:Signature} of a 2019 VAT e-invoice XML, described, not verified. In the one sample we have
 * (shared {@code 发票示例.ofd}) it is a GM/T 0010 SM2 {@code SignedData} (OID 1.2.156.10197.6.1.4.2.2) with
 * detached content, no certificates and no signed attributes, its signer named only by issuer and serial
 * number. Verifying needs the signer's certificate — in neither the XML nor the OFD's seal, whose
 * certificates have other serial numbers — and the exact bytes it signs, which no published
 * specification we have states (the element cut out? which canonical form?). So the node reports what it
 * is and whose it claims to be, and does not guess.
 */
final class EdrmSignature {
    static final String GMT_0010_SIGNED_DATA = "1.2.156.10197.6.1.4.2.2";

    private EdrmSignature() {
    }

    /** One note about the signature text, or null when the element is absent or empty. */
    static String note(String base64, String source) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        String why = "the signer's certificate is not in the document and the signed bytes are not specified";
        try {
            ContentInfo ci = ContentInfo.getInstance(ASN1Primitive.fromByteArray(Base64.getMimeDecoder().decode(base64.strip())));
            SignedData sd = SignedData.getInstance(ci.getContent());
            String kind = GMT_0010_SIGNED_DATA.equals(ci.getContentType().getId()) ? "GM/T 0010 SM2 SignedData"
                    : "CMS SignedData (" + ci.getContentType().getId() + ")";
            String signer = "";
            if (sd.getSignerInfos().size() > 0) {
                SignerInfo si = SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0));
                if (!si.getSID().isTagged()) {
                    IssuerAndSerialNumber ias = IssuerAndSerialNumber.getInstance(si.getSID().getId());
                    BigInteger serial = ias.getSerialNumber().getValue();
                    signer = ", signer issued by " + ias.getName() + " serial " + serial.toString(16);
                }
            }
            int certs = sd.getCertificates() == null ? 0 : sd.getCertificates().size();
            boolean detached = sd.getEncapContentInfo().getContent() == null;
            return source + ": fp:Signature (" + kind + (detached ? ", detached" : "") + signer + ", " + certs
                    + " certificates) not verified: " + why;
        } catch (RuntimeException | java.io.IOException e) {
            return source + ": fp:Signature is not a readable SignedData, not verified";
        }
    }
}
