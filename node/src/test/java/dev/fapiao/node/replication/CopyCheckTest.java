package dev.fapiao.node.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.ledger.InvoiceRecord;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.SealRef;
import dev.fapiao.node.replication.RefusedCopyException.Reason;
import dev.fapiao.node.seal.Sealer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each check of a fetched copy against the ledger, and what it names when it refuses. */
class CopyCheckTest {

    private final ReplicaFixtures f = new ReplicaFixtures();
    private final CopyCheck check = new CopyCheck(f.registry);

    @Test
    void aGenuineCopyPasses() throws Exception {
        Replica r = f.replica();
        check.verify(r, ReplicaFixtures.anchored(r));
        check.verify(Replica.parse(r.toJson()), ReplicaFixtures.anchored(r)); // and after the wire
    }

    @Test
    void oneChangedByteOfTheDocumentIsRefusedByDocHash() {
        Replica r = f.replica();
        byte[] doc = r.document().clone();
        doc[doc.length / 2] ^= 0x01;
        RefusedCopyException e = refused(new Replica(r.invoice(), doc), ReplicaFixtures.anchored(r));
        assertEquals(Reason.DOC_HASH, e.reason());
        assertEquals(r.invoice().invoiceId(), e.invoiceId());
    }

    @Test
    void changedMetadataIsRefusedByMetaHash() {
        Replica r = f.replica();
        ArchivedInvoice i = r.invoice();
        ArchivedInvoice other = with(i, i.metadataJson().replace("\"number\"", "\"number\" "), i.seal());
        assertEquals(Reason.META_HASH, refused(new Replica(other, r.document()), ReplicaFixtures.anchored(r)).reason());
    }

    @Test
    void aSealThatDoesNotVerifyIsRefused() {
        Replica r = f.replica();
        // the anchored record carries the same bad signature, so only the SM2 verification can fail
        String bogus = new Sealer(f.nodeKey.privateKey()).signCheckpoint("x", 1, new byte[32]);
        SealRef bad = new SealRef(r.invoice().seal().keyId(), bogus, 1);
        Replica copy = new Replica(with(r.invoice(), r.invoice().metadataJson(), bad), r.document());
        InvoiceRecord anchored = ReplicaFixtures.anchored(r, List.of(new InvoiceRecord.SealSignature(bad.keyId(), bogus)));
        assertEquals(Reason.SEAL_SIGNATURE, refused(copy, anchored).reason());
    }

    @Test
    void aSealOtherThanTheAnchoredOneIsRefused() {
        Replica r = f.replica();
        Replica resealed = new Replica(with(r.invoice(), r.invoice().metadataJson(), reseal(r, f.nodeKey)), r.document());
        // a valid signature by the same key, but not the one on the ledger (SM2 signatures are randomised)
        assertEquals(Reason.SEAL_SIGNATURE, refused(resealed, ReplicaFixtures.anchored(r)).reason());
    }

    @Test
    void aSealByAKeyTheRegistryDoesNotHoldIsRefusedAsUnknownSigner() {
        Replica r = f.replica();
        SealRef stranger = reseal(r, Sm2KeyPair.generate());
        Replica copy = new Replica(with(r.invoice(), r.invoice().metadataJson(), stranger), r.document());
        InvoiceRecord anchored = ReplicaFixtures.anchored(r,
                List.of(new InvoiceRecord.SealSignature(stranger.keyId(), stranger.signature())));
        RefusedCopyException e = refused(copy, anchored);
        assertEquals(Reason.UNKNOWN_SIGNER, e.reason());
        assertEquals(stranger.keyId(), e.actual());
    }

    @Test
    void aRecordOfAnotherIssueTimeIsRefused() {
        Replica r = f.replica();
        ArchivedInvoice i = r.invoice();
        Instant later = i.issueTime().plusSeconds(1);
        ArchivedInvoice moved = new ArchivedInvoice(i.invoiceId(), i.issuer(), i.number(), later, i.issueDate(),
                i.docHash(), i.metaHash(), i.retainUntil(), i.contentType(), i.documentSize(), i.metadataJson(),
                i.seal(), null, i.status(), false, i.receivedAt(), null, null);
        assertEquals(Reason.RECORD, refused(new Replica(moved, r.document()), ReplicaFixtures.anchored(r)).reason());
    }

    private RefusedCopyException refused(Replica copy, InvoiceRecord anchored) {
        return assertThrows(RefusedCopyException.class, () -> check.verify(copy, anchored));
    }

    private static SealRef reseal(Replica r, Sm2KeyPair key) {
        ArchivedInvoice i = r.invoice();
        HexFormat hex = HexFormat.of();
        var seal = new Sealer(key.privateKey()).seal(i.invoiceId(), hex.parseHex(i.docHash()), hex.parseHex(i.metaHash()),
                i.issueTime(), i.retainUntil());
        return new SealRef(seal.keyId(), seal.signature(), seal.encodingVersion());
    }

    private static ArchivedInvoice with(ArchivedInvoice i, String metadataJson, SealRef seal) {
        return new ArchivedInvoice(i.invoiceId(), i.issuer(), i.number(), i.issueTime(), i.issueDate(), i.docHash(),
                i.metaHash(), i.retainUntil(), i.contentType(), i.documentSize(), metadataJson, seal, null, i.status(),
                false, i.receivedAt(), null, null);
    }
}
