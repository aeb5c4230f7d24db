package dev.fapiao.node.document.ofd;

import dev.fapiao.node.document.SignatureCheck;
import dev.fapiao.node.document.SignatureCheck.Verdict;
import dev.fapiao.node.document.Trust;
import dev.fapiao.node.document.TrustedSeals;
import dev.fapiao.node.document.xml.SecureXml;
import dev.fapiao.node.document.xml.XmlElement;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The electronic seals of one OFD document: for each {@code Signature} of a {@code Signatures} file, the
 * per-part SM3 check values of its {@code Signature.xml} and the SES signature in its {@code SignedValue}.
 */
final class OfdSeals {
    static final String SM3_OID = "1.2.156.10197.1.401";

    private final SecureXml xml;
    private final TrustedSeals trusted;

    OfdSeals(SecureXml xml, TrustedSeals trusted) {
        this.xml = xml;
        this.trusted = trusted;
    }

    /** Checks every signature listed in {@code signaturesPart}; records each referenced part's verdict. */
    List<SignatureCheck> check(Map<String, byte[]> entries, Map<String, byte[]> digests, String signaturesPart,
            Map<String, Boolean> covered) {
        byte[] list = entries.get(signaturesPart);
        List<SignatureCheck> out = new ArrayList<>();
        if (list == null) {
            out.add(broken(signaturesPart, "the signature list " + signaturesPart + " is missing"));
            return out;
        }
        String base = OfdPaths.folder(signaturesPart);
        for (XmlElement s : xml.parse(list, signaturesPart).children("Signature")) {
            String loc = s.attribute("BaseLoc");
            if (loc == null) {
                out.add(broken(signaturesPart + "#" + s.attribute("ID"), "a Signature without BaseLoc"));
                continue;
            }
            out.add(checkOne(entries, digests, OfdPaths.resolve(base, loc), covered));
        }
        return out;
    }

    private SignatureCheck checkOne(Map<String, byte[]> entries, Map<String, byte[]> digests, String sigPart,
            Map<String, Boolean> covered) {
        byte[] sigXml = entries.get(sigPart);
        if (sigXml == null) {
            return broken(sigPart, "the signature file is missing");
        }
        XmlElement signature = xml.parse(sigXml, sigPart);
        XmlElement info = signature.path("SignedInfo").orElse(null);
        XmlElement refs = info == null ? null : info.path("References").orElse(null);
        if (refs == null) {
            return broken(sigPart, "no SignedInfo/References");
        }
        String base = OfdPaths.folder(sigPart);
        String method = refs.attribute("CheckMethod");
        List<String> modified = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        boolean sm3 = method == null || SM3_OID.equals(method) || "SM3".equalsIgnoreCase(method);
        for (XmlElement ref : sm3 ? refs.children("Reference") : List.<XmlElement>of()) {
            String part = OfdPaths.resolve(base, ref.attribute("FileRef") == null ? "" : ref.attribute("FileRef"));
            byte[] digest = digests.get(part);
            if (digest == null) {
                missing.add(part);
                continue;
            }
            boolean match = matches(ref.text("CheckValue"), digest);
            covered.merge(part, match, Boolean::logicalAnd);
            if (!match) {
                modified.add(part);
            }
        }
        String valueLoc = signature.text("SignedValue");
        byte[] value = valueLoc == null ? null : entries.get(OfdPaths.resolve(base, valueLoc));
        String alg = info.text("SignatureMethod");
        if (!sm3) {
            return result(sigPart, alg, null, Verdict.INVALID, "check method " + method + " is not SM3",
                    modified, missing, notChecked());
        }
        if (value == null) {
            return result(sigPart, alg, null, Verdict.INVALID, "the SignedValue file is missing", modified, missing,
                    notChecked());
        }
        SesSignature ses;
        try {
            ses = SesSignature.parse(value);
        } catch (IllegalArgumentException e) {
            return result(sigPart, alg, null, Verdict.INVALID, e.getMessage(), modified, missing, notChecked());
        }
        if (ses.version() != 4) {
            return result(sigPart, alg, null, Verdict.NOT_CHECKED, "SES_Signature version " + ses.version()
                    + " (GM/T 0031-2014 layout) is not supported; part check values were checked",
                    modified, missing, notChecked());
        }
        String failure = ses.verify(sigXml);
        Verdict v = failure == null ? Verdict.VALID : Verdict.INVALID;
        String detail = failure == null ? "signature file hash, signer SM2 signature and seal maker signature verify"
                : failure;
        return new SignatureCheck(sigPart, "GB/T 38540 electronic seal (SES v4)", ses.algorithm(),
                TrustedSeals.subjectOf(ses.signerCert()), ses.sealName(), ses.signedAt(), v, detail, modified,
                missing, trust(ses));
    }

    /** Signer and seal maker must both chain to a trusted seal CA. */
    private Trust trust(SesSignature ses) {
        Trust signer = trusted.evaluate(ses.signerCert(), ses.signedAt());
        if (signer.status() != Trust.Status.TRUSTED) {
            return new Trust(signer.status(), "signer: " + signer.reason());
        }
        Trust maker = trusted.evaluate(ses.makerCert(), ses.signedAt());
        if (maker.status() != Trust.Status.TRUSTED) {
            return new Trust(maker.status(), "seal maker: " + maker.reason());
        }
        return new Trust(Trust.Status.TRUSTED, "signer " + signer.reason() + "; seal maker " + maker.reason());
    }

    private static boolean matches(String checkValue, byte[] sm3) {
        if (checkValue == null) {
            return false;
        }
        try {
            return MessageDigest.isEqual(Base64.getMimeDecoder().decode(checkValue), sm3);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static Trust notChecked() {
        return new Trust(Trust.Status.NOT_CONFIGURED, "signer not evaluated: the signature could not be read");
    }

    private static SignatureCheck broken(String id, String why) {
        return result(id, "?", null, Verdict.INVALID, why, List.of(), List.of(), notChecked());
    }

    private static SignatureCheck result(String id, String alg, String signer, Verdict v, String detail,
            List<String> modified, List<String> missing, Trust trust) {
        return new SignatureCheck(id, "OFD electronic seal", alg == null ? "?" : alg, signer, null, null, v, detail,
                modified, missing, trust);
    }
}
