package dev.fapiao.node.renewal;

import dev.fapiao.node.ledger.RenewalPrevious;
import dev.fapiao.node.archive.DocumentStore;
import dev.fapiao.node.archive.InvoiceStore;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.checkpoint.AnchoredCheckpoint;
import dev.fapiao.node.checkpoint.ArchiveLog;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.Committed;
import dev.fapiao.node.ledger.LedgerCheckpoint;
import dev.fapiao.node.ledger.LedgerRenewal;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.ledger.RenewalLedger;
import dev.fapiao.node.ledger.RenewalRequest;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.merkle.InvoiceLeaf;
import dev.fapiao.node.merkle.Sm3Hasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The renew operation (docs/renewal.md): RFC 4998 §5.2 hash-tree renewal of the node's evidence
 * under a second hash algorithm A.
 *
 * <p>Renewal n covers the SM3 log's first N leaves, N = the size of the node's latest anchored
 * checkpoint. It re-reads every archived invoice in log order, hashes its document (or records the
 * disposed marker) and canonical metadata under A, and builds an RFC 9162 tree under A whose leaf 0
 * is the {@link RenewalLink} (SM3 log tree and, for n > 1, renewal n-1) and whose leaf i + 1 is the
 * {@link RenewedLeaf} of log leaf i, bound to the invoice's previous leaf hash. It then signs the
 * renewal encoding with the NODE key and anchors it ({@code anchorRenewal}), and records the
 * ledger's record locally.
 *
 * <p>Crash-safe and resumable: leaves are appended in synced batches, the root is recorded before
 * anything is signed, and a later call resumes where the last one stopped; once built, a renewal's
 * root never changes, so one sequence can never be anchored with two roots (the chaincode refuses
 * that too). Runs on the caller's thread, alongside a serving node: it only reads the archive and
 * the Merkle log and writes its own store, so checkpoints and anchoring go on meanwhile. One renewal
 * runs at a time.
 */
public final class Renewer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Renewer.class);
    private static final HexFormat HEX = HexFormat.of();
    static final int PAGE = 256;
    static final int LEDGER_ATTEMPTS = 6;

    private final String nodeId;
    private final InvoiceStore invoices;
    private final DocumentStore documents;
    private final ArchiveLog archiveLog;
    private final RenewalLogs logs;
    private final RenewalSigner signer;
    private final RenewalLedger client;
    private final Clock clock;
    private final Duration retryBase;
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean closed;

    Renewer(String nodeId, InvoiceStore invoices, DocumentStore documents, ArchiveLog archiveLog, RenewalLogs logs,
            RenewalSigner signer, RenewalLedger client, Clock clock) {
        this(nodeId, invoices, documents, archiveLog, logs, signer, client, clock, Duration.ofMillis(500));
    }

    Renewer(String nodeId, InvoiceStore invoices, DocumentStore documents, ArchiveLog archiveLog, RenewalLogs logs,
            RenewalSigner signer, RenewalLedger client, Clock clock, Duration retryBase) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.documents = Objects.requireNonNull(documents, "documents");
        this.archiveLog = Objects.requireNonNull(archiveLog, "archive log (checkpoints disabled?)");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryBase = Objects.requireNonNull(retryBase, "retryBase");
    }

    /**
     * Renews the node's evidence under {@code algorithm}, or resumes the renewal a crash
     * interrupted. Returns without anchoring anything when the latest renewal already uses
     * {@code algorithm} and covers the latest anchored checkpoint.
     *
     * @throws RenewalException when the renewal cannot be completed (see its message)
     */
    public RenewalResult renew(RenewalAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        running.lock();
        try {
            ensureOpen();
            List<LedgerRenewal> onLedger = ledger(() -> client.renewals(nodeId), "read the node's renewals");
            reconcile(onLedger);
            long k = onLedger.size();
            RenewalLog target = logs.get(k + 1).orElse(null);
            if (target != null) {
                if (target.algorithm() != algorithm) {
                    throw new RenewalException("renewal " + target.sequence() + " of node " + nodeId + " under "
                            + target.algorithm() + " is in progress (not anchored yet): finish it with algorithm "
                            + target.algorithm() + " first");
                }
                log.info("resuming renewal {} of node {} under {}: {} of {} log leaves renewed", target.sequence(),
                        nodeId, algorithm, target.renewedLeaves(), target.link().logTreeSize());
            } else {
                RenewalLog prev = k == 0 ? null : logs.get(k).orElseThrow(() -> new RenewalException("renewal " + k
                        + " of node " + nodeId + " is anchored but its local tree (" + RenewalLogs.PREFIX + k
                        + "-*) is missing; a further renewal must extend it"));
                AnchoredCheckpoint cp = archiveLog.lastAnchored().orElseThrow(() -> new RenewalException(
                        "node " + nodeId + " has no anchored checkpoint yet: a renewal covers an anchored log"));
                if (prev != null && cp.treeSize() < prev.link().logTreeSize()) {
                    throw new RenewalException("the latest anchored checkpoint (" + cp.treeSize()
                            + ") is below renewal " + k + "'s log size " + prev.link().logTreeSize());
                }
                if (prev != null && prev.algorithm() == algorithm && cp.treeSize() == prev.link().logTreeSize()) {
                    RenewalLog.Anchored a = prev.anchored().orElseThrow();
                    log.info("renewal {} of node {} under {} already covers the anchored log ({} leaves)", k, nodeId,
                            algorithm, cp.treeSize());
                    return new RenewalResult(k, algorithm.algorithmName(), prev.link().logTreeSize(), a.treeSize(),
                            a.rootHash(), a.txId(), a.blockNumber(), 0, 0, false);
                }
                if (cp.treeSize() > archiveLog.size()
                        || !HEX.formatHex(archiveLog.root(cp.treeSize())).equals(cp.rootHash())) {
                    throw new RenewalException("the local Merkle log does not hold the anchored checkpoint of size "
                            + cp.treeSize());
                }
                RenewalPrevious previous = null;
                if (prev != null) {
                    RenewalLog.Anchored a = prev.anchored().orElseThrow();
                    previous = new RenewalPrevious(prev.algorithm().algorithmName(), a.treeSize(), a.rootHash());
                }
                target = logs.create(new RenewalLink(nodeId, k + 1, algorithm.algorithmName(), cp.treeSize(),
                        cp.rootHash(), previous));
                log.info("renewal {} of node {} under {} started: log size {}{}", k + 1, nodeId, algorithm,
                        cp.treeSize(), previous == null ? "" : ", extends renewal " + k);
            }
            long[] counts = build(target);
            RenewalLog.Built built = target.built().isPresent() ? target.built().get() : complete(target);
            return anchor(target, built, counts);
        } finally {
            running.unlock();
        }
    }

    /**
     * Local renewals agree with the ledger's: each anchored sequence has the local root (recorded as
     * anchored if a crash came between commit and record); nothing local beyond the ledger is
     * recorded as anchored.
     */
    private void reconcile(List<LedgerRenewal> onLedger) {
        for (int i = 0; i < onLedger.size(); i++) {
            LedgerRenewal r = onLedger.get(i);
            if (r.sequence() != i + 1) {
                throw new RenewalException("the ledger's renewals of node " + nodeId + " are not 1.." + onLedger.size());
            }
            Optional<RenewalLog> local = logs.get(r.sequence());
            if (local.isEmpty()) {
                continue; // needed only to extend it (checked when it is) or for evidence
            }
            RenewalLog l = local.get();
            RenewalLog.Built b = l.built().orElse(null);
            if (b == null || b.treeSize() != r.treeSize() || !b.rootHash().equals(r.rootHash())
                    || !l.algorithm().algorithmName().equals(r.algorithm())) {
                throw new RenewalException("the ledger holds renewal " + r.sequence() + " of node " + nodeId + " ("
                        + r.algorithm() + ", root " + r.rootHash() + "), which is not the local one (" + l.algorithm()
                        + ", root " + (b == null ? "not built" : b.rootHash()) + "); another instance with this node "
                        + "id? nothing is anchored");
            }
            if (l.anchored().isEmpty()) {
                l.recordAnchored(anchoredFrom(r, -1));
                log.info("renewal {} of node {} was anchored in tx {}; recorded now", r.sequence(), nodeId,
                        r.anchoredTxId());
            }
        }
        for (RenewalLog l : logs.all()) {
            if (l.sequence() > onLedger.size() && l.anchored().isPresent()) {
                throw new RenewalException("local renewal " + l.sequence() + " is recorded as anchored, but the "
                        + "ledger does not hold it (another ledger?)");
            }
            if (l.sequence() > onLedger.size() + 1) {
                throw new RenewalException("local renewal " + l.sequence() + " skips a sequence: the ledger holds "
                        + onLedger.size());
            }
        }
    }

    /** Appends the missing leaves; returns {renewed now, disposed among them}. */
    private long[] build(RenewalLog target) {
        if (target.built().isPresent()) {
            return new long[] {0, 0};
        }
        RenewalAlgorithm a = target.algorithm();
        long n = target.link().logTreeSize();
        RenewalLog prev = null;
        if (target.link().previous() != null) {
            long p = target.sequence() - 1;
            prev = logs.get(p).orElseThrow(() -> new RenewalException("renewal " + p + "'s local tree is missing"));
        }
        long renewed = 0;
        long disposed = 0;
        long next = target.renewedLeaves();
        long reportAt = next + 10_000;
        while (next < n) {
            ensureOpen();
            long end = Math.min(n, next + PAGE);
            List<RenewedLeaf> page = new ArrayList<>((int) (end - next));
            for (long i = next; i < end; i++) {
                RenewedLeaf leaf = renewLeaf(i, a, prev);
                page.add(leaf);
                if (leaf.disposed()) {
                    disposed++;
                }
            }
            target.append(page);
            renewed += page.size();
            next = end;
            if (next >= reportAt) {
                log.info("renewal {} of node {}: {} of {} log leaves renewed", target.sequence(), nodeId, next, n);
                reportAt = next + 10_000;
            }
        }
        return new long[] {renewed, disposed};
    }

    /** Log leaf {@code i}, renewed under {@code a}. */
    private RenewedLeaf renewLeaf(long i, RenewalAlgorithm a, RenewalLog prev) {
        String id = archiveLog.invoiceAt(i).orElseThrow(() -> new RenewalException("the Merkle log names no "
                + "invoice at leaf " + i));
        ArchivedInvoice inv = invoices.get(id).orElseThrow(() -> new RenewalException("invoice " + id + " (log leaf "
                + i + ") is not in the archive"));
        byte[] logLeaf = archiveLog.merkle().leafHash(i);
        byte[] recomputed = Sm3Hasher.INSTANCE.hashLeaf(InvoiceLeaf.encode(id, HEX.parseHex(inv.docHash()),
                HEX.parseHex(inv.metaHash()), inv.retainUntil()));
        if (!MessageDigest.isEqual(logLeaf, recomputed)) {
            throw new RenewalException("log leaf " + i + " does not match the archived record of invoice " + id);
        }
        byte[] metadata = inv.metadataJson() == null ? null : inv.metadataJson().getBytes(StandardCharsets.UTF_8);
        if (metadata == null || !Sm3.hashHex(metadata).equals(inv.metaHash())) {
            throw new RenewalException("the stored metadata of invoice " + id + " does not hash to its metaHash");
        }
        String kind = RenewedLeaf.LOG;
        byte[] previousLeaf = logLeaf;
        if (prev != null && i < prev.link().logTreeSize()) {
            RenewedLeaf p = prev.leaf(i).orElseThrow(() -> new RenewalException("renewal " + prev.sequence()
                    + " has no leaf for log leaf " + i));
            if (!p.invoiceId().equals(id)) {
                throw new RenewalException("renewal " + prev.sequence() + " renewed " + p.invoiceId() + " at log leaf "
                        + i + ", not " + id);
            }
            kind = RenewedLeaf.RENEWAL;
            previousLeaf = prev.merkle().leafHash(i + 1);
        }
        return new RenewedLeaf(id, i, documentHash(inv, a), HEX.formatHex(a.digest(metadata)),
                inv.retainUntil().toString(), kind, HEX.formatHex(previousLeaf));
    }

    /** A(document), or null (the disposed marker) when the invoice is disposed. */
    private String documentHash(ArchivedInvoice inv, RenewalAlgorithm a) {
        if (inv.disposed()) {
            return null;
        }
        Optional<byte[]> doc = documents.document(inv.docHash());
        if (doc.isPresent()) {
            return HEX.formatHex(a.digest(doc.get()));
        }
        // disposed since we read the record?
        if (invoices.get(inv.invoiceId()).map(ArchivedInvoice::disposed).orElse(false)) {
            return null;
        }
        throw new RenewalException("the document of invoice " + inv.invoiceId() + " (docHash " + inv.docHash()
                + ") is missing from the archive");
    }

    private RenewalLog.Built complete(RenewalLog target) {
        long size = target.link().logTreeSize() + 1;
        if (target.merkle().size() != size) {
            throw new IllegalStateException("renewal " + target.sequence() + " has " + target.merkle().size()
                    + " leaves, expected " + size);
        }
        RenewalLog.Built b = new RenewalLog.Built(size, target.root(), clock.instant().toString());
        target.recordBuilt(b);
        log.info("renewal {} of node {} built: {} leaves, {} root {}", target.sequence(), nodeId, size,
                target.algorithm(), b.rootHash());
        return b;
    }

    private RenewalResult anchor(RenewalLog target, RenewalLog.Built b, long[] counts) {
        RenewalLink link = target.link();
        if (target.anchored().isPresent()) {
            RenewalLog.Anchored a = target.anchored().get();
            return result(target, a, counts, false);
        }
        Committed submitted = null;
        String lastProblem = null;
        Duration backoff = retryBase;
        for (int attempt = 1; attempt <= LEDGER_ATTEMPTS && submitted == null; attempt++) {
            ensureOpen();
            LedgerCheckpoint cp = ledger(() -> client.latestCheckpoint(nodeId), "read the node's checkpoint")
                    .orElseThrow(() -> new RenewalException("the ledger holds no checkpoint of node " + nodeId));
            long n = link.logTreeSize();
            if (cp.treeSize() < n || cp.treeSize() > archiveLog.size()) {
                throw new RenewalException("the ledger's checkpoint of node " + nodeId + " has size " + cp.treeSize()
                        + "; the renewal covers " + n + " and the local log has " + archiveLog.size() + " leaves");
            }
            List<String> proof = cp.treeSize() == n ? List.of()
                    : archiveLog.consistencyProof(n, cp.treeSize()).stream().map(HEX::formatHex).toList();
            String signature = signer.sign(RenewalEncoding.encode(link, b.treeSize(), b.rootHash()));
            RenewalRequest request = new RenewalRequest(nodeId, link.sequence(), link.algorithm(), b.treeSize(),
                    b.rootHash(), n, link.logRootHash(), proof, link.previous(), signature);
            try {
                submitted = client.anchorRenewal(request);
            } catch (LedgerUnavailableException e) {
                lastProblem = e.getMessage();
                log.warn("anchoring renewal {} of node {} failed (attempt {}): {}", link.sequence(), nodeId, attempt,
                        e.getMessage());
                backoff = sleep(backoff);
            } catch (ChaincodeRefusedException e) {
                // the checkpoint may have moved between reading it and endorsing: then try again
                Optional<LedgerCheckpoint> now = ledger(() -> client.latestCheckpoint(nodeId), "read the node's checkpoint");
                if (now.isPresent() && !now.get().equals(cp)) {
                    lastProblem = e.getMessage();
                    log.info("checkpoint of node {} moved while anchoring renewal {}; retrying", nodeId,
                            link.sequence());
                    continue;
                }
                throw new RenewalException("the ledger refused renewal " + link.sequence() + " of node " + nodeId
                        + ": " + e.getMessage(), e);
            }
        }
        if (submitted == null) {
            throw new RenewalException("renewal " + link.sequence() + " of node " + nodeId + " not anchored after "
                    + LEDGER_ATTEMPTS + " attempts: " + lastProblem + " (run the renewal again to resume)");
        }
        Committed s = submitted;
        LedgerRenewal r = ledger(() -> client.renewals(nodeId), "read the node's renewals").stream()
                .filter(x -> x.sequence() == link.sequence()).findFirst()
                .orElseThrow(() -> new RenewalException("renewal " + link.sequence() + " was committed in tx "
                        + s.txId() + " but the ledger does not return it"));
        if (!r.rootHash().equals(b.rootHash()) || r.treeSize() != b.treeSize()) {
            throw new RenewalException("the ledger holds renewal " + link.sequence() + " with root " + r.rootHash()
                    + ", not the local " + b.rootHash());
        }
        RenewalLog.Anchored a = anchoredFrom(r, r.anchoredTxId().equals(s.txId()) ? s.blockNumber() : -1);
        target.recordAnchored(a);
        log.info("renewal {} of node {} anchored: {}, {} leaves, root {}, tx {}", link.sequence(), nodeId,
                link.algorithm(), b.treeSize(), b.rootHash(), a.txId());
        return result(target, a, counts, true);
    }

    private RenewalLog.Anchored anchoredFrom(LedgerRenewal r, long blockNumber) {
        return new RenewalLog.Anchored(r.treeSize(), r.rootHash(), r.anchoredTxId(), blockNumber, r.keyId(),
                r.signature(), r.anchoredAt(), clock.instant().toString());
    }

    private static RenewalResult result(RenewalLog target, RenewalLog.Anchored a, long[] counts, boolean now) {
        return new RenewalResult(target.sequence(), target.algorithm().algorithmName(), target.link().logTreeSize(),
                a.treeSize(), a.rootHash(), a.txId(), a.blockNumber(), counts[0], counts[1], now);
    }

    interface LedgerCall<T> {
        T call() throws LedgerUnavailableException;
    }

    /** A ledger read, retried with backoff while the ledger is unavailable. */
    private <T> T ledger(LedgerCall<T> call, String what) {
        Duration backoff = retryBase;
        for (int attempt = 1; ; attempt++) {
            ensureOpen();
            try {
                return call.call();
            } catch (LedgerUnavailableException e) {
                if (attempt >= LEDGER_ATTEMPTS) {
                    throw new RenewalException("cannot " + what + ": " + e.getMessage(), e);
                }
                log.warn("cannot {} (attempt {}): {}", what, attempt, e.getMessage());
                backoff = sleep(backoff);
            }
        }
    }

    private Duration sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenewalException("interrupted", e);
        }
        Duration next = d.multipliedBy(2);
        return next.compareTo(Duration.ofSeconds(8)) > 0 ? Duration.ofSeconds(8) : next;
    }

    private void ensureOpen() {
        if (closed) {
            throw new RenewalException("the node is shutting down; the renewal resumes on the next run");
        }
    }

    /** Stops a running renewal at its next page (it resumes on the next call) and waits for it. */
    @Override
    public void close() {
        closed = true;
        try {
            if (running.tryLock(60, TimeUnit.SECONDS)) {
                running.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
