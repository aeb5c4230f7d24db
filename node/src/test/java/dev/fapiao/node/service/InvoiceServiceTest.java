package dev.fapiao.node.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.model.BackpressureException;
import dev.fapiao.node.model.ConflictException;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.DisposalRefusedException;
import dev.fapiao.node.model.DisposalRule;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.TransitionRefusedException;
import dev.fapiao.node.config.ConfigException;
import dev.fapiao.node.archive.OutboxEntry;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.invoice.ValidationException;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.seal.Seal;
import dev.fapiao.node.seal.Sealer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvoiceServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InvoiceGenerator gen = new InvoiceGenerator(42);
    private final Sm2KeyPair key = Sm2KeyPair.generate();
    private final AtomicInteger wakes = new AtomicInteger();
    private Archive archive;

    @TempDir
    Path dir;

    private InvoiceService node(long maxDoc, long maxBacklog) {
        archive = Archive.open(ArchiveOptions.builder(dir.resolve("archive")).maxOutboxBacklog(maxBacklog).clock(clock).build());
        return InvoiceService.create(archive, new Sealer(key.privateKey()),
                new RetentionPolicy(15), maxDoc, wakes::incrementAndGet, clock, null);
    }

    @AfterEach
    void close() {
        if (archive != null) {
            archive.close();
        }
    }

    private Invoice invoice() {
        return gen.invoice(gen.creditCode(), NOW.minusSeconds(86_400));
    }

    @Test
    void sealsArchivesAndQueuesTheAnchor() throws Exception {
        InvoiceService node = node(1 << 20, 0);
        Invoice inv = invoice();
        byte[] doc = gen.document(inv, 2_000, 3_000);
        Receipt r = node.submit(new Submission(inv, doc, "application/xml")).join();

        String id = inv.id().format();
        assertFalse(r.existing());
        assertEquals(id, r.invoice().invoiceId());
        assertEquals(Sm3.hashHex(doc), r.invoice().docHash());
        assertEquals(HexFormat.of().formatHex(Sm3.hash(CanonicalJson.of(inv))), r.invoice().metaHash());
        assertEquals(LocalDate.of(2041, 11, 22), r.invoice().retainUntil(), "CST issue date + 15 years");
        assertEquals(AnchorState.Phase.PENDING, r.anchor().phase());
        assertEquals(1, wakes.get());
        assertArrayEquals(doc, archive.documents().document(r.invoice().docHash()).orElseThrow());

        Seal seal = new Seal(id, r.invoice().docHash(), r.invoice().metaHash(), r.invoice().issueTime(),
                r.invoice().retainUntil(), r.invoice().seal().keyId(), r.invoice().seal().signature(), 1);
        assertTrue(seal.verify(Sm2Verifier.of(key.publicKey())), "the receipt's seal verifies with the node key");

        List<OutboxEntry> outbox = archive.anchors().outbox(0, 10);
        assertEquals(1, outbox.size());
        assertTrue(outbox.get(0).payload().contains("\"docHash\":\"" + r.invoice().docHash() + "\""));
    }

    @Test
    void identicalResubmissionReturnsTheExistingReceiptAndDifferentContentConflicts() {
        InvoiceService node = node(1 << 20, 0);
        Invoice inv = invoice();
        byte[] doc = gen.document(inv, 2_000, 3_000);
        Receipt first = node.submit(new Submission(inv, doc, "application/xml")).join();
        Receipt again = node.submit(new Submission(inv, doc, "application/xml")).join();
        assertTrue(again.existing());
        assertEquals(first.invoice().seal(), again.invoice().seal());
        assertEquals(1, archive.anchors().outboxSize());

        byte[] other = doc.clone();
        // one bit inside the padding text: still a well-formed document (a malformed one is refused earlier)
        other[new String(doc, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("<SignatureValue>") + 20] ^= 1;
        CompletionException e = assertThrows(CompletionException.class,
                () -> node.submit(new Submission(inv, other, "application/xml")).join());
        assertInstanceOf(ConflictException.class, e.getCause());
        assertEquals(1, archive.anchors().outboxSize());
    }

    @Test
    void everyBadFieldIsNamedAndNothingIsWritten() {
        InvoiceService node = node(1 << 20, 0);
        Invoice good = invoice();
        Invoice bad = new Invoice("12345", good.issueTime(), good.seller(), good.buyer(), good.lines(),
                good.totalAmount().add(BigDecimal.ONE), good.totalTax(), good.totalWithTax(), "USD", null,
                good.type(), null);
        ValidationException e = assertThrows(ValidationException.class,
                () -> node.submit(new Submission(bad, new byte[0], " ")));
        List<String> fields = e.errors().stream().map(FieldError::field).toList();
        assertTrue(fields.containsAll(List.of("number", "totalAmount", "currency", "document", "contentType")), fields.toString());
        assertEquals(0, archive.anchors().outboxSize());
        assertEquals(0, archive.anchors().lastOutboxSeq());
    }

    @Test
    void malformedEnterpriseSignatureIsRefused() {
        InvoiceService node = node(1 << 20, 0);
        Invoice inv = invoice();
        ValidationException e = assertThrows(ValidationException.class, () -> node.submit(new Submission(inv,
                gen.document(inv, 100, 200), "application/xml",
                new Submission.EnterpriseSignature("not-a-key-id", "%%%"))));
        assertEquals(List.of("enterpriseSignature.keyId", "enterpriseSignature.signature"),
                e.errors().stream().map(FieldError::field).toList());
        assertTrue(archive.invoices().get(inv.id().format()).isEmpty());
    }

    @Test
    void documentOverTheLimitIsRefused() {
        InvoiceService node = node(1_000, 0);
        Invoice inv = invoice();
        DocumentTooLargeException e = assertThrows(DocumentTooLargeException.class,
                () -> node.submit(new Submission(inv, new byte[1_001], "application/pdf")));
        assertEquals(1_000, e.limit());
        assertTrue(archive.invoices().get(inv.id().format()).isEmpty());
    }

    @Test
    void fullBacklogRefusesNewWorkWithARetryableError() {
        InvoiceService node = node(1 << 20, 2);
        for (int i = 0; i < 2; i++) {
            Invoice inv = invoice();
            node.submit(new Submission(inv, gen.document(inv, 100, 200), "application/xml")).join();
        }
        Invoice third = invoice();
        // refused before it is sealed, synchronously like a validation error
        assertThrows(BackpressureException.class,
                () -> node.submit(new Submission(third, gen.document(third, 100, 200), "application/xml")));
        assertTrue(archive.invoices().get(third.id().format()).isEmpty());
        assertEquals(2, archive.anchors().outboxSize());
    }

    @Test
    void aValidatedSubmissionIsArchivedAsValidated() {
        InvoiceService node = node(1 << 20, 0);
        Invoice inv = invoice();
        ValidSubmission valid = node.validate(new Submission(inv, gen.document(inv, 100, 200), "application/xml"));
        assertEquals(inv.id().format(), valid.invoiceId());
        assertEquals(inv.seller().creditCode(), valid.seller());
        assertEquals(valid.invoiceId(), node.submit(valid).join().invoice().invoiceId());
        assertEquals(1, archive.anchors().outboxSize());
    }

    @Test
    void theDisposalRuleJudgesByTheChinaStandardTimeDate() {
        InvoiceService node = node(1 << 20, 0);
        Invoice inv = invoice();
        ArchivedInvoice rec = node.submit(new Submission(inv, gen.document(inv, 100, 200), "application/xml"))
                .join().invoice();
        LocalDate until = rec.retainUntil();
        // 16:00 UTC is midnight in Beijing: the CST date is already the next day
        assertEquals(until.plusDays(1), DisposalRule.today(until.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(16 * 3600)));
        assertEquals(until, DisposalRule.today(until.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(16 * 3600 - 1)));
        assertEquals(Optional.of(DisposalRefusedException.Reason.RETENTION_NOT_OVER), DisposalRule.refusal(rec, until));
        assertEquals(Optional.empty(), DisposalRule.refusal(rec, until.plusDays(1)));
        ArchivedInvoice held = rec.withStatus(rec.status(), true, NOW);
        assertEquals(Optional.of(DisposalRefusedException.Reason.LEGAL_HOLD), DisposalRule.refusal(held, until.plusYears(1)));
    }

    @Test
    void transitionsTheArchivedRecordRulesOutAreRefusedBeforeTheLedger() {
        InvoiceService node = node(1 << 20, 0); // no ledger: anything that reaches it fails differently
        Invoice inv = invoice();
        String id = node.submit(new Submission(inv, gen.document(inv, 100, 200), "application/xml")).join()
                .invoice().invoiceId();
        TransitionRefusedException early = assertThrows(TransitionRefusedException.class, () -> node.transition(
                new Transition(id, Transition.Action.DISPOSE, "clean up", null), ActingAs.ENTERPRISE, "enterprise:a"));
        assertTrue(early.getMessage().startsWith("DISPOSE refused: invoice " + id + " must be retained until 2041-11-22"),
                early.getMessage());
        assertThrows(ConfigException.class, () -> node.transition(
                new Transition(id, Transition.Action.DELIVER, "sent", null), ActingAs.ENTERPRISE, "enterprise:a"),
                "a transition the record allows goes to the ledger");

        archive.invoices().updateStatus(id, InvoiceStatus.ISSUED, true, "auditor:t", "audit");
        TransitionRefusedException hold = assertThrows(TransitionRefusedException.class, () -> node.transition(
                new Transition(id, Transition.Action.DISPOSE, "clean up", null), ActingAs.ENTERPRISE, "enterprise:a"));
        assertTrue(hold.getMessage().contains("under legal hold"), hold.getMessage());

        archive.invoices().disposeCommitted(id, "tx-1", "ledger", "disposed elsewhere");
        TransitionRefusedException gone = assertThrows(TransitionRefusedException.class, () -> node.transition(
                new Transition(id, Transition.Action.ACCEPT, "ok", null), ActingAs.ENTERPRISE, "enterprise:a"));
        assertTrue(gone.getMessage().contains("a disposed invoice cannot change"), gone.getMessage());
        assertEquals(InvoiceStatus.DISPOSED, node.get(id).orElseThrow().status());
    }
}
