package dev.fapiao.node.document;

import dev.fapiao.node.crypto.CryptoProviders;
import dev.fapiao.node.crypto.Sm2Certificates;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm2Signer;
import dev.fapiao.node.crypto.Sm3;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V2TBSCertListGenerator;

/**
 * A test seal CA of our own and OFD documents sealed with it (GB/T 38540 SES v4, made here from the
 * structure the reader documents), since no public validly sealed OFD with a published CA exists.
 */
public final class TestSeals {
    static final Sm2Certificates CERTS = new Sm2Certificates(CryptoProviders.newBouncyCastle());
    private static final ASN1ObjectIdentifier SM3_WITH_SM2 = new ASN1ObjectIdentifier("1.2.156.10197.1.501");

    /** A CA key and certificate, and a signer (seal holder) and seal maker each issued by it. */
    public record Authority(Sm2KeyPair caKey, X509Certificate ca, Sm2KeyPair signerKey, X509Certificate signer,
            Sm2KeyPair makerKey, X509Certificate maker) {
        public byte[] caDer() {
            return der(ca);
        }
    }

    public static Authority authority(String name) {
        Sm2KeyPair caKey = Sm2KeyPair.generate();
        X509Certificate ca = CERTS.selfSigned(caKey.privateKey(), "CN=" + name + ",O=Fapiao test", Duration.ofDays(30));
        Sm2KeyPair signerKey = Sm2KeyPair.generate();
        X509Certificate signer = CERTS.issue(caKey.privateKey(), ca, signerKey.publicKey(),
                "CN=发票专用章 test seller,O=Fapiao test", Duration.ofDays(10), false);
        Sm2KeyPair makerKey = Sm2KeyPair.generate();
        X509Certificate maker = CERTS.issue(caKey.privateKey(), ca, makerKey.publicKey(),
                "CN=seal maker,O=Fapiao test", Duration.ofDays(10), false);
        return new Authority(caKey, ca, signerKey, signer, makerKey, maker);
    }

    static final String INVOICE_XML = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<eInvoice xmlns:fp=\"http://www.edrm.org.cn/schema/e-invoice/2019\" Version=\"1.0\">"
            + "<fp:InvoiceCode>044031900111</fp:InvoiceCode><fp:InvoiceNo>12345678</fp:InvoiceNo>"
            + "<fp:TypeCode>0</fp:TypeCode><fp:IssueDate>2024年03月05日</fp:IssueDate>"
            + "<fp:Buyer><fp:BuyerName>测试买方有限公司</fp:BuyerName><fp:BuyerTaxID>91440300MA5TEST001</fp:BuyerTaxID></fp:Buyer>"
            + "<fp:Seller><fp:SellerName>测试卖方有限公司</fp:SellerName><fp:SellerTaxID>91110108MA0TEST002</fp:SellerTaxID></fp:Seller>"
            + "<fp:TaxInclusiveTotalAmount>113.00</fp:TaxInclusiveTotalAmount><fp:TaxTotalAmount>13.00</fp:TaxTotalAmount>"
            + "<fp:TaxExclusiveTotalAmount>100.00</fp:TaxExclusiveTotalAmount>"
            + "<fp:GoodsInfos><fp:GoodsInfo><fp:Item>*信息技术服务*软件</fp:Item><fp:Amount>100.00</fp:Amount></fp:GoodsInfo>"
            + "</fp:GoodsInfos></eInvoice>";

    /** The unsealed parts of a small OFD invoice. */
    public static Map<String, byte[]> parts() {
        return parts(utf8(INVOICE_XML));
    }

    /** The unsealed parts of a small OFD invoice embedding {@code invoiceXml} as its original invoice. */
    public static Map<String, byte[]> parts(byte[] invoiceXml) {
        Map<String, byte[]> p = new LinkedHashMap<>();
        p.put("OFD.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\""
                + " DocType=\"OFD\" Version=\"1.1\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo>"
                + "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot><ofd:Signatures>Doc_0/Signs/Signatures.xml"
                + "</ofd:Signatures></ofd:DocBody></ofd:OFD>"));
        p.put("Doc_0/Document.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Document"
                + " xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:CommonData><ofd:MaxUnitID>1</ofd:MaxUnitID>"
                + "</ofd:CommonData></ofd:Document>"));
        p.put("Doc_0/Attachs/original_invoice.xml", invoiceXml);
        return p;
    }

    /**
     * A 2019 VAT e-invoice ({@code eInvoice}) whose fields pass the node's invoice validator, so a
     * document-only submission of an OFD embedding it is accepted: 12-digit code and 8-digit number, the
     * given parties (valid credit codes), one line of {@code amount} at 13 % (quantity 2, with a tax
     * classification code), totals that add up.
     */
    public static byte[] vatInvoiceXml(String code, String number, LocalDate issued, String sellerTaxId,
                                       String buyerTaxId, BigDecimal amount) {
        BigDecimal net = amount.setScale(2, RoundingMode.HALF_UP);
        BigDecimal tax = net.multiply(new BigDecimal("0.13")).setScale(2, RoundingMode.HALF_UP);
        BigDecimal price = net.divide(BigDecimal.valueOf(2), 6, RoundingMode.UNNECESSARY);
        String date = String.format("%04d年%02d月%02d日", issued.getYear(), issued.getMonthValue(), issued.getDayOfMonth());
        return utf8("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<eInvoice xmlns:fp=\"http://www.edrm.org.cn/schema/e-invoice/2019\" Version=\"1.0\">"
                + "<fp:InvoiceCode>" + code + "</fp:InvoiceCode><fp:InvoiceNo>" + number + "</fp:InvoiceNo>"
                + "<fp:TypeCode>0</fp:TypeCode><fp:IssueDate>" + date + "</fp:IssueDate>"
                + "<fp:Buyer><fp:BuyerName>测试买方有限公司</fp:BuyerName><fp:BuyerTaxID>" + buyerTaxId + "</fp:BuyerTaxID></fp:Buyer>"
                + "<fp:Seller><fp:SellerName>测试卖方有限公司</fp:SellerName><fp:SellerTaxID>" + sellerTaxId
                + "</fp:SellerTaxID></fp:Seller>"
                + "<fp:TaxInclusiveTotalAmount>" + net.add(tax).toPlainString() + "</fp:TaxInclusiveTotalAmount>"
                + "<fp:TaxTotalAmount>" + tax.toPlainString() + "</fp:TaxTotalAmount>"
                + "<fp:TaxExclusiveTotalAmount>" + net.toPlainString() + "</fp:TaxExclusiveTotalAmount>"
                + "<fp:GoodsInfos><fp:GoodsInfo><fp:Item>*信息技术服务*软件开发</fp:Item>"
                + "<fp:TaxClassificationCode>3040201010000000000</fp:TaxClassificationCode>"
                + "<fp:MeasurementDimension>项</fp:MeasurementDimension><fp:Quantity>2</fp:Quantity>"
                + "<fp:Price>" + price.toPlainString() + "</fp:Price><fp:Amount>" + net.toPlainString() + "</fp:Amount>"
                + "<fp:TaxScheme>13%</fp:TaxScheme><fp:TaxAmount>" + tax.toPlainString() + "</fp:TaxAmount>"
                + "</fp:GoodsInfo></fp:GoodsInfos></eInvoice>");
    }

    /** Seals {@code parts} (every part referenced) and returns the OFD container's bytes. */
    public static byte[] sealedOfd(Map<String, byte[]> parts, Authority a, Instant signedAt) {
        Map<String, byte[]> all = new LinkedHashMap<>(parts);
        StringBuilder refs = new StringBuilder();
        for (Map.Entry<String, byte[]> e : parts.entrySet()) {
            refs.append("<ofd:Reference FileRef=\"/").append(e.getKey()).append("\"><ofd:CheckValue>")
                    .append(Base64.getEncoder().encodeToString(Sm3.hash(e.getValue())))
                    .append("</ofd:CheckValue></ofd:Reference>");
        }
        byte[] signatureXml = utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Signature"
                + " xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:SignedInfo><ofd:Provider ProviderName=\"fapiao-test\"/>"
                + "<ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod>"
                + "<ofd:References CheckMethod=\"1.2.156.10197.1.401\">" + refs + "</ofd:References></ofd:SignedInfo>"
                + "<ofd:SignedValue>/Doc_0/Signs/Sign_0/SignedValue.dat</ofd:SignedValue></ofd:Signature>");
        all.put("Doc_0/Signs/Signatures.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Signatures"
                + " xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:MaxSignId>1</ofd:MaxSignId>"
                + "<ofd:Signature ID=\"1\" BaseLoc=\"/Doc_0/Signs/Sign_0/Signature.xml\"/></ofd:Signatures>"));
        all.put("Doc_0/Signs/Sign_0/Signature.xml", signatureXml);
        all.put("Doc_0/Signs/Sign_0/SignedValue.dat", sesSignature(a, Sm3.hash(signatureXml), signedAt));
        return zip(all);
    }

    /** GB/T 38540 SES_Signature v4 over a signature file hash. */
    public static byte[] sesSignature(Authority a, byte[] dataHash, Instant signedAt) {
        DERGeneralizedTime t = new DERGeneralizedTime(Date.from(signedAt));
        DERSequence sealInfo = seq(seq(new DERIA5String("ES"), new ASN1Integer(4), new DERIA5String("FAPIAO")),
                new DERIA5String("test-seal-1"),
                seq(new ASN1Integer(1), new DERUTF8String("测试发票专用章"), new ASN1Integer(1),
                        seq(new DEROctetString(der(a.signer()))), t, t, t),
                seq(new DERIA5String("png"), new DEROctetString(new byte[] {1, 2, 3}), new ASN1Integer(40),
                        new ASN1Integer(40)));
        byte[] makerSig = Sm2Signer.of(a.makerKey().privateKey()).sign(enc(sealInfo));
        DERSequence seal = seq(sealInfo, new DEROctetString(der(a.maker())), SM3_WITH_SM2, new DERBitString(makerSig));
        DERSequence tbs = seq(new ASN1Integer(4), seal, t, new DERBitString(dataHash),
                new DERIA5String("/Doc_0/Signs/Sign_0/Signature.xml"));
        byte[] sig = Sm2Signer.of(a.signerKey().privateKey()).sign(enc(tbs));
        return enc(seq(tbs, new DEROctetString(der(a.signer())), SM3_WITH_SM2, new DERBitString(sig)));
    }

    /**
     * An X.509 v2 CRL of {@code caCert}, signed (SM3withSM2) with {@code caKey}, issued at {@code thisUpdate},
     * listing each certificate of {@code revoked} with its revocation date (reason keyCompromise). DER.
     */
    public static byte[] crl(Sm2KeyPair caKey, X509Certificate caCert, Instant thisUpdate,
                             Map<X509Certificate, Instant> revoked) {
        V2TBSCertListGenerator g = new V2TBSCertListGenerator();
        AlgorithmIdentifier alg = new AlgorithmIdentifier(SM3_WITH_SM2);
        g.setSignature(alg);
        g.setIssuer(X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()));
        g.setThisUpdate(new Time(Date.from(thisUpdate)));
        g.setNextUpdate(new Time(Date.from(thisUpdate.plus(Duration.ofDays(7)))));
        for (Map.Entry<X509Certificate, Instant> e : revoked.entrySet()) {
            g.addCRLEntry(new ASN1Integer(e.getKey().getSerialNumber()), new Time(Date.from(e.getValue())),
                    CRLReason.keyCompromise);
        }
        TBSCertList tbs = g.generateTBSCertList();
        byte[] sig = Sm2Signer.of(caKey.privateKey()).sign(enc(tbs));
        return enc(seq(tbs, alg, new DERBitString(sig)));
    }

    /** {@link #crl} of the authority's own CA. */
    public static byte[] crl(Authority a, Instant thisUpdate, Map<X509Certificate, Instant> revoked) {
        return crl(a.caKey(), a.ca(), thisUpdate, revoked);
    }

    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    public static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static DERSequence seq(ASN1Encodable... items) {
        return new DERSequence(items);
    }

    private static byte[] enc(ASN1Encodable e) {
        try {
            return e.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private TestSeals() {
    }
}
