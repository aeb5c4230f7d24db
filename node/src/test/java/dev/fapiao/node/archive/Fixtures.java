package dev.fapiao.node.archive;

import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SealRef;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.bouncycastle.util.encoders.Hex;

/** Test values: invoices whose document is derived from the id, so it can be re-checked. */
final class Fixtures {
    static final String ISSUER_A = "91350100M000100Y43";
    static final String ISSUER_B = "91110000100000000X";
    static final SealRef SEAL = new SealRef("ab".repeat(32), "MEUCIQ==", 1);

    private Fixtures() {}

    static String number(long n) {
        return String.format("%020d", n);
    }

    static byte[] document(String id) {
        return ("<Invoice id=\"" + id + "\"><Body>" + "x".repeat(200) + "</Body></Invoice>")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String hash(byte[] data) {
        return Hex.toHexString(Codec.sm3(data));
    }

    static ArchivedInvoice invoice(String issuer, long n, Instant issueTime, byte[] doc) {
        String id = issuer + number(n);
        String meta = "{\"id\":\"" + id + "\",\"total\":\"100.00\"}";
        return new ArchivedInvoice(id, issuer, number(n), issueTime,
                LocalDate.ofInstant(issueTime, ZoneOffset.ofHours(8)), hash(doc),
                hash(meta.getBytes(StandardCharsets.UTF_8)), LocalDate.of(2041, 11, 23), "application/xml",
                doc.length, meta, SEAL, null, InvoiceStatus.ISSUED, false, null, null, null);
    }

    static ArchivedInvoice invoice(String issuer, long n) {
        return invoice(issuer, n, Instant.parse("2026-11-23T08:00:00Z"), document(issuer + number(n)));
    }

    static ArchivedInvoice withRetain(ArchivedInvoice i, LocalDate retainUntil) {
        return new ArchivedInvoice(i.invoiceId(), i.issuer(), i.number(), i.issueTime(), i.issueDate(), i.docHash(),
                i.metaHash(), retainUntil, i.contentType(), i.documentSize(), i.metadataJson(), i.seal(),
                i.enterpriseSignature(), i.status(), i.legalHold(), i.receivedAt(), i.updatedAt(), i.disposedAt());
    }
}
