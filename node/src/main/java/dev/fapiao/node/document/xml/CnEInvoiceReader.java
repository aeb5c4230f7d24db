package dev.fapiao.node.document.xml;

import dev.fapiao.node.crypto.Sm2PublicKey;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.document.DocumentCheck;
import dev.fapiao.node.document.DocumentException;
import dev.fapiao.node.document.DocumentFormat;
import dev.fapiao.node.document.DocumentReader;
import dev.fapiao.node.document.PartDigest;
import dev.fapiao.node.document.SignatureCheck;
import dev.fapiao.node.document.SignatureCheck.Verdict;
import dev.fapiao.node.document.Trust;
import dev.fapiao.node.document.TrustedSeals;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 数电票 XML ({@code EInvoice}). Element names are matched ignoring case. The tax bureau signature,
 * where present, is the text of a {@code Signature} child of the root: base64 DER SM2-with-SM3 (user ID
 * 1234567812345678) over the document's bytes with that element (start tag to end tag) cut out. It is
 * verified against the keys of the configured trusted certificates; without any it is reported
 * {@link Verdict#NOT_CHECKED}. No public schema exists: docs/documents.md lists what is read.
 */
public final class CnEInvoiceReader implements DocumentReader {
    static final String KIND = "tax bureau signature (数电票 XML)";
    private static final Pattern SIGNATURE = Pattern.compile(
            "<(?:[\\w.-]+:)?signature(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?signature\\s*>",
            Pattern.CASE_INSENSITIVE);

    private final SecureXml xml;
    private final TrustedSeals trusted;
    private final String checkedBy;

    public CnEInvoiceReader(SecureXml xml, TrustedSeals trusted, String checkedBy) {
        this.xml = Objects.requireNonNull(xml, "xml");
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.checkedBy = Objects.requireNonNull(checkedBy, "checkedBy");
    }

    @Override
    public DocumentFormat format() {
        return DocumentFormat.CN_EINVOICE_XML;
    }

    @Override
    public DocumentCheck read(byte[] document, String sm3Hex) {
        XmlElement root = xml.parse(document, format().title(), true);
        if (!CnInvoiceFields.isEInvoice(root)) {
            throw new DocumentException(DocumentException.Reason.UNSUPPORTED_FORMAT,
                    "root element " + root.name() + " is not a 数电票 EInvoice");
        }
        PartDigest whole = new PartDigest(PartDigest.WHOLE_DOCUMENT, document.length, sm3Hex,
                PartDigest.Integrity.UNSIGNED);
        List<SignatureCheck> sigs = root.children("Signature").isEmpty() ? List.of()
                : List.of(signature(document, root.children("Signature").get(0)));
        List<String> notes = sigs.isEmpty() ? List.of("no tax bureau signature element") : List.of();
        return new DocumentCheck(format(), Optional.of(CnInvoiceFields.eInvoice(root, PartDigest.WHOLE_DOCUMENT)),
                List.of(whole), sigs, notes, checkedBy);
    }

    private SignatureCheck signature(byte[] document, XmlElement element) {
        String id = "EInvoice/" + element.name();
        if (!element.children().isEmpty()) {
            return check(id, Verdict.NOT_CHECKED, "an XML-DSig structure, not the supported base64 SM2 value",
                    notConfigured("signature form not supported"));
        }
        String text = new String(document, StandardCharsets.UTF_8);
        Matcher m = SIGNATURE.matcher(text);
        int start = -1;
        int end = -1;
        String value = null;
        while (m.find()) {
            start = m.start();
            end = m.end();
            value = m.group(1).strip();
        }
        byte[] sig;
        try {
            sig = Base64.getMimeDecoder().decode(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            return check(id, Verdict.INVALID, "the signature is not base64", notConfigured("not checked"));
        }
        if (!trusted.configured()) {
            return check(id, Verdict.NOT_CHECKED, "no trusted tax bureau key configured",
                    new Trust(Trust.Status.NOT_CONFIGURED, "no trusted tax bureau certificates configured"));
        }
        byte[] signed = (text.substring(0, start) + text.substring(end)).getBytes(StandardCharsets.UTF_8);
        for (Sm2PublicKey key : trusted.keys()) {
            if (Sm2Verifier.of(key).verify(signed, sig)) {
                return check(id, Verdict.VALID, "SM2 signature over the document without the signature element",
                        new Trust(Trust.Status.TRUSTED, "made by the trusted key " + key.keyId()));
            }
        }
        return check(id, Verdict.INVALID, "verifies with none of the " + trusted.keys().size()
                + " trusted keys", new Trust(Trust.Status.UNTRUSTED, "no trusted key made this signature"));
    }

    private static Trust notConfigured(String why) {
        return new Trust(Trust.Status.NOT_CONFIGURED, why);
    }

    private static SignatureCheck check(String id, Verdict v, String detail, Trust trust) {
        return new SignatureCheck(id, KIND, "SM2-with-SM3", null, null, null, v, detail, List.of(), List.of(), trust);
    }
}
