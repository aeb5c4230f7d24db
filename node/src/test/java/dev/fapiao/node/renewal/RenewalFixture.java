package dev.fapiao.node.renewal;

import dev.fapiao.node.ledger.RenewalPrevious;
import dev.fapiao.node.ledger.RenewalRequest;
import dev.fapiao.node.ledger.LedgerRenewal;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.Committed;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.ledger.RenewalLedger;
import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.archive.DocumentStore;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SealRef;
import dev.fapiao.node.checkpoint.AnchoredCheckpoint;
import dev.fapiao.node.checkpoint.ArchiveLog;
import dev.fapiao.node.ledger.LedgerCheckpoint;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.merkle.ProofException;
import dev.fapiao.node.merkle.ProofVerifier;
import dev.fapiao.node.merkle.Sm3Hasher;
import dev.fapiao.node.evidence.Signer;
import dev.fapiao.node.seal.Sealer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An archive with invoices, its Merkle log with a locally recorded "anchored" checkpoint, a node
 * key, and a {@link FakeLedger} that applies anchorRenewal's rules (docs/ledger-model.md).
 */
final class RenewalFixture implements AutoCloseable {
    static final String NODE = "node-r";
    static final String ISSUER = "91350100M000100Y43";
    static final HexFormat HEX = HexFormat.of();
    /** After every retain-until date of the fixtures, so invoices can be disposed. */
    static final Clock LATE = Clock.fixed(Instant.parse("2050-01-01T00:00:00Z"), ZoneOffset.UTC);

    final Path dir;
    final Archive archive;
    final ArchiveLog log;
    final Sealer sealer = new Sealer(Sm2KeyPair.generate().privateKey());
    final FakeLedger ledger = new FakeLedger();
    RenewalLogs logs;

    RenewalFixture(Path dir) {
        this.dir = dir;
        this.archive = Archive.open(ArchiveOptions.builder(dir.resolve("archive")).syncWrites(false).clock(LATE)
                .build());
        this.log = ArchiveLog.open(dir.resolve("merkle"), archive.feed());
        this.logs = RenewalLogs.open(dir);
    }

    static String id(long n) {
        return ISSUER + String.format("%020d", n);
    }

    static byte[] document(long n) {
        return ("<Invoice n=\"" + n + "\"/>").getBytes(StandardCharsets.UTF_8);
    }

    static String metadata(long n) {
        return "{\"n\":" + n + "}";
    }

    static ArchivedInvoice invoice(long n) {
        Instant issue = Instant.parse("2026-11-23T08:00:00Z");
        byte[] doc = document(n);
        return new ArchivedInvoice(id(n), ISSUER, String.format("%020d", n), issue,
                LocalDate.ofInstant(issue, ZoneOffset.ofHours(8)), Sm3.hashHex(doc),
                Sm3.hashHex(metadata(n).getBytes(StandardCharsets.UTF_8)), LocalDate.of(2041, 11, 23).plusDays(n % 7),
                "application/xml", doc.length, metadata(n), new SealRef("ab".repeat(32), "MEUCIQ==", 1), null,
                InvoiceStatus.ISSUED, false, null, null, null);
    }

    /** Archives invoices {@code from .. to-1} and appends them to the log. */
    /** Renewal 1 (SHA-256) over 6 invoices, then renewal 2 (SHA3-256) over 8; invoice 4 is disposed before 2. */
    RenewalFixture withTwoRenewals() {
        put(0, 8);
        checkpoint(6);
        renewer().renew(RenewalAlgorithm.SHA_256);
        checkpoint(8);
        archive.invoices().dispose(id(4), "test", "retention over");
        renewer().renew(RenewalAlgorithm.SHA3_256);
        return this;
    }

    void put(long from, long to) {
        for (long n = from; n < to; n++) {
            archive.invoices().put(invoice(n), document(n)).join();
        }
        log.catchUp();
    }

    /** The node "anchored" a checkpoint of the log's first {@code size} leaves (local record and ledger). */
    void checkpoint(long size) {
        String root = HEX.formatHex(log.root(size));
        log.recordAnchored(new AnchoredCheckpoint(size, root, "tx-cp-" + size, 1, Instant.now()));
        ledger.checkpoint = new LedgerCheckpoint(size, root);
    }

    Renewer renewer() {
        return renewer(archive.documents());
    }

    Renewer renewer(DocumentStore documents) {
        return new Renewer(NODE, archive.invoices(), documents, log, logs, sealer::signProofBundle, ledger, LATE, Duration.ofMillis(1));
    }

    /** Closes and reopens the renewal stores, as a restarted node would. */
    void reopenLogs() {
        logs.close();
        logs = RenewalLogs.open(dir);
    }

    Signer signer(String signature) {
        return new Signer(sealer.keyId(), sealer.publicKey().toPem(), null, signature);
    }

    /** The step of anchored renewal {@code sequence} for invoice {@code n}, without block evidence. */
    RenewalStep step(long sequence, long n) {
        RenewalLog r = logs.get(sequence).orElseThrow();
        RenewalLog.Anchored a = r.anchored().orElseThrow();
        return RenewalEvidence.step(log, r, a, log.leafIndex(id(n)).getAsLong(), signer(a.signature()), null);
    }

    /** The chain of every anchored renewal covering invoice {@code n}. */
    RenewalChain chain(long n) {
        long i = log.leafIndex(id(n)).getAsLong();
        List<RenewalStep> steps = new ArrayList<>();
        for (RenewalLog r : logs.all()) {
            if (r.anchored().isPresent() && i < r.link().logTreeSize()) {
                steps.add(step(r.sequence(), n));
            }
        }
        return new RenewalChain(RenewalChain.VERSION, id(n), steps);
    }

    RenewalVerifier.Subject subject(long n) {
        ArchivedInvoice inv = invoice(n);
        return RenewalVerifier.Subject.of(NODE, inv.invoiceId(), log.leafIndex(inv.invoiceId()).getAsLong(),
                inv.docHash(), inv.metaHash(), inv.retainUntil().toString());
    }

    /** An archive that fails ("crashes") on the {@code failAt}-th document read. */
    DocumentStore crashingAfter(int failAt) {
        AtomicInteger reads = new AtomicInteger();
        DocumentStore documents = archive.documents();
        return (DocumentStore) Proxy.newProxyInstance(DocumentStore.class.getClassLoader(),
                new Class<?>[] {DocumentStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("document") && reads.incrementAndGet() >= failAt) {
                        throw new IllegalStateException("simulated crash at document read " + reads.get());
                    }
                    try {
                        return method.invoke(documents, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public void close() {
        logs.close();
        log.close();
        archive.close();
    }

    /** anchorRenewal / getRenewals / getCheckpoint with the chaincode's rules, in memory. */
    final class FakeLedger implements RenewalLedger {
        LedgerCheckpoint checkpoint;
        final List<LedgerRenewal> renewals = new ArrayList<>();
        int anchorCalls;
        /** Fail this many anchor calls with LedgerUnavailableException before trying. */
        int unavailable;
        /** Commit the next anchor, then report it as unavailable (a lost commit acknowledgement). */
        boolean loseNextAck;
        /** Commit the next anchor, then fail with a RuntimeException (the node crashes). */
        boolean crashAfterNextCommit;
        private int tx;

        @Override
        public List<LedgerRenewal> renewals(String nodeId) {
            return List.copyOf(renewals);
        }

        @Override
        public Optional<LedgerCheckpoint> latestCheckpoint(String nodeId) {
            return Optional.ofNullable(checkpoint);
        }

        @Override
        public Committed anchorRenewal(RenewalRequest q) throws ChaincodeRefusedException, LedgerUnavailableException {
            anchorCalls++;
            if (unavailable > 0) {
                unavailable--;
                throw new LedgerUnavailableException("peer unreachable (simulated)", null);
            }
            if (RenewalAlgorithm.byName(q.algorithm()).isEmpty()) {
                throw new ChaincodeRefusedException("INVALID_ARGUMENT", "INVALID_ARGUMENT: algorithm: unknown");
            }
            if (q.treeSize() != q.logTreeSize() + 1) {
                throw new ChaincodeRefusedException("INVALID_ARGUMENT", "INVALID_ARGUMENT: treeSize");
            }
            RenewalLink link = new RenewalLink(q.nodeId(), q.sequence(), q.algorithm(), q.logTreeSize(),
                    q.logRootHash(), q.previous());
            boolean ok = Sm2Verifier.of(sealer.publicKey()).verify(RenewalEncoding.encode(link, q.treeSize(),
                    q.rootHash()), Base64.getDecoder().decode(q.signature()));
            if (!ok) {
                throw new ChaincodeRefusedException("INVALID_SIGNATURE", "INVALID_SIGNATURE: signature");
            }
            String txId = "tx-renewal-" + (++tx);
            if (q.sequence() <= renewals.size()) {
                LedgerRenewal e = renewals.get((int) q.sequence() - 1);
                if (e.algorithm().equals(q.algorithm()) && e.treeSize() == q.treeSize()
                        && e.rootHash().equals(q.rootHash()) && e.logTreeSize() == q.logTreeSize()
                        && e.logRootHash().equals(q.logRootHash()) && Objects.equals(e.previous(), q.previous())) {
                    return new Committed(txId, 100 + tx); // unchanged
                }
                throw new ChaincodeRefusedException("CONFLICT", "CONFLICT: node already anchored renewal "
                        + q.sequence());
            }
            if (q.sequence() != renewals.size() + 1) {
                throw new ChaincodeRefusedException("CONFLICT", "CONFLICT: must follow renewal " + (q.sequence() - 1));
            }
            if (q.sequence() > 1) {
                LedgerRenewal p = renewals.get(renewals.size() - 1);
                if (!new RenewalPrevious(p.algorithm(), p.treeSize(), p.rootHash()).equals(q.previous())) {
                    throw new ChaincodeRefusedException("CONFLICT", "CONFLICT: previous is not the anchored renewal");
                }
            } else if (q.previous() != null) {
                throw new ChaincodeRefusedException("INVALID_ARGUMENT", "INVALID_ARGUMENT: previous");
            }
            if (checkpoint == null || q.logTreeSize() > checkpoint.treeSize()) {
                throw new ChaincodeRefusedException("CONFLICT", "CONFLICT: the log tree is not anchored");
            }
            try {
                List<byte[]> proof = q.logConsistencyProof().stream().map(HEX::parseHex).toList();
                ProofVerifier.verifyConsistency(Sm3Hasher.INSTANCE, q.logTreeSize(), checkpoint.treeSize(), proof,
                        HEX.parseHex(q.logRootHash()), HEX.parseHex(checkpoint.rootHash()));
            } catch (ProofException e) {
                throw new ChaincodeRefusedException("CONFLICT", "CONFLICT: the log tree (" + q.logTreeSize()
                        + ") is not the anchored checkpoint or a prefix of it: " + e.getMessage());
            }
            renewals.add(new LedgerRenewal(q.nodeId(), q.sequence(), q.algorithm(), q.treeSize(), q.rootHash(),
                    q.logTreeSize(), q.logRootHash(), q.previous(), q.signature(), sealer.keyId(), txId,
                    "2049-12-31T00:00:00Z"));
            if (loseNextAck) {
                loseNextAck = false;
                throw new LedgerUnavailableException("commit status unknown (simulated)", null);
            }
            if (crashAfterNextCommit) {
                crashAfterNextCommit = false;
                throw new IllegalStateException("simulated crash after commit");
            }
            return new Committed(txId, 100 + tx);
        }
    }
}
