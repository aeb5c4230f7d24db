package dev.fapiao.node.replication;

import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.ledger.InvoiceRecord;
import dev.fapiao.node.ledger.MapSignerLedger;
import dev.fapiao.node.ledger.SignerRecord;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SealRef;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.seal.Seal;
import dev.fapiao.node.seal.SealEncoding;
import dev.fapiao.node.seal.Sealer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/** Sealed invoices, their ledger records, and a signer registry in memory, for the replication tests. */
final class ReplicaFixtures {

    final Sm2KeyPair nodeKey = Sm2KeyPair.generate();
    final Sealer sealer = new Sealer(nodeKey.privateKey());
    final Registry registry = new Registry();
    private final InvoiceGenerator gen = new InvoiceGenerator(42);
    final String issuer = gen.creditCode();

    ReplicaFixtures() {
        registry.add(nodeKey);
    }

    /** A sealed invoice of {@link #issuer} with its document, as node A archives it. */
    Replica replica() {
        Invoice invoice = gen.invoice(issuer, Instant.now().minusSeconds(7200).truncatedTo(ChronoUnit.MILLIS));
        byte[] document = gen.document(invoice, 500, 2000);
        byte[] meta = CanonicalJson.of(invoice);
        String id = issuer + invoice.number();
        Seal seal = sealer.seal(id, Sm3.hash(document), Sm3.hash(meta), invoice.issueTime());
        Instant now = Instant.now();
        ArchivedInvoice inv = new ArchivedInvoice(id, issuer, invoice.number(), seal.issueTime(),
                seal.issueTime().atOffset(SealEncoding.CST).toLocalDate(), seal.docHash(), seal.metaHash(),
                seal.retainUntil(), "application/xml", document.length, new String(meta, StandardCharsets.UTF_8),
                new SealRef(seal.keyId(), seal.signature(), seal.encodingVersion()), null, InvoiceStatus.ISSUED,
                false, now, now, null);
        return new Replica(inv, document);
    }

    /** The ledger's record of {@code r} as anchored by A (its seal's signature). */
    static InvoiceRecord anchored(Replica r) {
        return anchored(r, List.of(new InvoiceRecord.SealSignature(r.invoice().seal().keyId(),
                r.invoice().seal().signature())));
    }

    static InvoiceRecord anchored(Replica r, List<InvoiceRecord.SealSignature> signatures) {
        ArchivedInvoice i = r.invoice();
        return new InvoiceRecord(i.invoiceId(), i.docHash(), i.metaHash(), i.issueTime().toString(),
                i.retainUntil().toString(), "ISSUED", false, "tx-" + i.invoiceId(), Instant.now().toString(),
                new InvoiceRecord.Actor("EnterpriseServicesMSP", "CN=User1"), signatures, null, null);
    }

    /** A registry with the keys it was given; everything else it does not hold. */
    static final class Registry extends MapSignerLedger {
        void add(Sm2KeyPair key) {
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.publicKey().encoded())
                    + "\n-----END PUBLIC KEY-----\n";
            keys.put(key.keyId(), new SignerRecord(key.keyId(), "91110108MA01FP0Y2C", "NODE", "node-a", pem, null,
                    "2020-01-01T00:00:00Z", null, null, null));
        }
    }
}
