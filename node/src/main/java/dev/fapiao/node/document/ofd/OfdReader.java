package dev.fapiao.node.document.ofd;

import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.document.DocumentCheck;
import dev.fapiao.node.document.DocumentException;
import dev.fapiao.node.document.DocumentException.Reason;
import dev.fapiao.node.document.DocumentFormat;
import dev.fapiao.node.document.DocumentLimits;
import dev.fapiao.node.document.DocumentReader;
import dev.fapiao.node.document.InvoiceFields;
import dev.fapiao.node.document.PartDigest;
import dev.fapiao.node.document.PartDigest.Integrity;
import dev.fapiao.node.document.SignatureCheck;
import dev.fapiao.node.document.TrustedSeals;
import dev.fapiao.node.document.xml.CnInvoiceFields;
import dev.fapiao.node.document.xml.SecureXml;
import dev.fapiao.node.document.xml.XmlElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * GB/T 33190 OFD: opens the container with {@link SafeZip}, hashes every part with SM3, checks each
 * electronic seal listed by a {@code DocBody}'s {@code Signatures} file ({@link OfdSeals}), and reads the
 * invoice fields from the embedded structured invoice ({@code Doc_N/Attachs/*.xml}).
 */
public final class OfdReader implements DocumentReader {
    static final String ROOT = "OFD.xml";

    private final DocumentLimits limits;
    private final SecureXml xml;
    private final OfdSeals seals;
    private final String checkedBy;

    public OfdReader(DocumentLimits limits, SecureXml xml, TrustedSeals trusted, String checkedBy) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.xml = Objects.requireNonNull(xml, "xml");
        this.seals = new OfdSeals(xml, trusted);
        this.checkedBy = Objects.requireNonNull(checkedBy, "checkedBy");
    }

    @Override
    public DocumentFormat format() {
        return DocumentFormat.OFD;
    }

    @Override
    public DocumentCheck read(byte[] document, String sm3Hex) { // the package's parts are hashed, not the ZIP
        Map<String, byte[]> entries = SafeZip.read(document, limits);
        byte[] ofdXml = entries.get(ROOT);
        if (ofdXml == null) {
            throw new DocumentException(Reason.UNSUPPORTED_FORMAT, "a ZIP container without " + ROOT + " is not an OFD");
        }
        XmlElement ofd = xml.parse(ofdXml, ROOT);
        Map<String, byte[]> digests = new HashMap<>(); // each part hashed once, for its check values and its digest
        entries.forEach((name, bytes) -> digests.put(name, Sm3.hash(bytes)));
        List<SignatureCheck> signatures = new ArrayList<>();
        Map<String, Boolean> covered = new HashMap<>(); // part -> all check values matched
        for (XmlElement body : ofd.children("DocBody")) {
            String sigList = body.text("Signatures");
            if (sigList != null) {
                signatures.addAll(seals.check(entries, digests, OfdPaths.resolve("", sigList), covered));
            }
        }
        List<PartDigest> parts = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            Boolean intact = covered.get(e.getKey());
            Integrity integrity = intact == null ? Integrity.UNSIGNED : intact ? Integrity.INTACT : Integrity.MODIFIED;
            parts.add(new PartDigest(e.getKey(), e.getValue().length, HexFormat.of().formatHex(digests.get(e.getKey())),
                    integrity));
        }
        List<String> notes = new ArrayList<>();
        if (signatures.isEmpty()) {
            notes.add("no electronic seal: the parts are not signed");
        }
        Optional<InvoiceFields> fields = embeddedInvoice(entries, notes);
        return new DocumentCheck(format(), fields, parts, signatures, notes, checkedBy);
    }

    /** The first {@code Attachs/*.xml} that is a structured Chinese invoice. */
    private Optional<InvoiceFields> embeddedInvoice(Map<String, byte[]> entries, List<String> notes) {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String name = e.getKey();
            if (!name.contains("/Attachs/") || !name.toLowerCase(java.util.Locale.ROOT).endsWith(".xml")
                    || name.endsWith("/Attachments.xml")) {
                continue;
            }
            XmlElement root = xml.parse(e.getValue(), name, true);
            if (CnInvoiceFields.isEdrm(root)) {
                String signature = CnInvoiceFields.edrmSignatureNote(root, name);
                if (signature != null) {
                    notes.add(signature);
                }
                return Optional.of(CnInvoiceFields.edrm(root, name));
            }
            if (CnInvoiceFields.isEInvoice(root)) {
                notes.add(name + ": the embedded 数电票 XML's own signature is not verified inside an OFD");
                return Optional.of(CnInvoiceFields.eInvoice(root, name));
            }
        }
        notes.add("no embedded structured invoice (Attachs/*.xml): no fields read");
        return Optional.empty();
    }
}
