package dev.fapiao.node.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.archive.InvoiceArchived;
import dev.fapiao.node.archive.InvoiceFeed;
import dev.fapiao.node.merkle.InvoiceLeaf;
import dev.fapiao.node.merkle.Sm3Hasher;
import dev.fapiao.node.merkle.store.MerkleLog;
import dev.fapiao.node.merkle.store.NodeStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive's Merkle log (SM3, RFC 9162): one leaf per newly archived invoice, in archive
 * order, {@link InvoiceLeaf}-encoded, kept in step with the archive by following its
 * {@link InvoiceFeed} (one {@link InvoiceArchived} event per new invoice, by feed position).
 *
 * <p>The log lives in its own RocksDB ({@code <node.dataDir>/merkle}). Next to the tree nodes it
 * keeps, as {@link NodeStore.Entry entries} written in the same synced batch as the leaves:
 *
 * <pre>
 * "c"                     -> u64 BE: last feed position consumed (the cursor; an audit sequence)
 * "i" || invoice id UTF-8 -> u64 BE: leaf index of the invoice
 * "l" || u64 BE index     -> invoice id UTF-8
 * "a" || u64 BE treeSize  -> JSON AnchoredCheckpoint (checkpoints anchored on the ledger)
 * </pre>
 *
 * so a crash can neither append an invoice twice nor skip one: after a restart the tail resumes
 * after the cursor that was committed with the last leaves.
 *
 * <p>Thread-safety: {@link #catchUp} and {@link #recordAnchored} are serialised; reads may run
 * concurrently and see the log as of the last completed catch-up.
 */
public final class ArchiveLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ArchiveLog.class);
    static final int PAGE = 1000;
    static final byte[] CURSOR = {'c'};
    static final byte INDEX = 'i';
    static final byte LEAF = 'l';
    static final byte ANCHORED = 'a';
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InvoiceFeed feed;
    private final MerkleLog merkle;
    private long cursor;

    private ArchiveLog(InvoiceFeed feed, MerkleLog merkle) {
        this.feed = feed;
        this.merkle = merkle;
        byte[] c = merkle.entry(CURSOR);
        this.cursor = c == null ? 0 : ByteBuffer.wrap(c).getLong();
    }

    /** Opens (creating) the log in {@code dir} following {@code feed}; does not catch up yet. */
    public static ArchiveLog open(Path dir, InvoiceFeed feed) {
        return new ArchiveLog(feed, MerkleLog.open(dir, Sm3Hasher.INSTANCE));
    }

    /** As {@link #open(Path, InvoiceFeed)}, the log's RocksDB memory within {@code memoryBudgetBytes}. */
    public static ArchiveLog open(Path dir, InvoiceFeed feed, long memoryBudgetBytes) {
        return new ArchiveLog(feed, MerkleLog.open(dir, Sm3Hasher.INSTANCE, memoryBudgetBytes));
    }

    /** A log over an existing Merkle log (tests: in memory); it is closed with this one. */
    public static ArchiveLog over(MerkleLog merkle, InvoiceFeed feed) {
        return new ArchiveLog(feed, merkle);
    }

    /**
     * Appends a leaf for every invoice archived since the cursor, in archive order, and advances
     * the cursor, each page in one atomic write. Returns the number of leaves appended.
     */
    public synchronized int catchUp() {
        int appended = 0;
        while (true) {
            InvoiceFeed.Page page = feed.archivedAfter(cursor, PAGE);
            if (page.lastSeq() == cursor) {
                return appended;
            }
            List<byte[]> leaves = new ArrayList<>();
            List<NodeStore.Entry> entries = new ArrayList<>();
            Set<String> inPage = new HashSet<>();
            long index = merkle.size();
            for (InvoiceArchived e : page.events()) {
                String id = e.invoiceId();
                if (inPage.contains(id) || leafIndex(id).isPresent()) {
                    log.warn("archive event {} puts invoice {} again; it already has a leaf (ignored)", e.seq(), id);
                    continue;
                }
                leaves.add(InvoiceLeaf.encode(id, HexFormat.of().parseHex(e.docHash()),
                        HexFormat.of().parseHex(e.metaHash()), e.retainUntil()));
                entries.add(new NodeStore.Entry(indexKey(id), u64(index)));
                entries.add(new NodeStore.Entry(leafKey(index), id.getBytes(StandardCharsets.UTF_8)));
                inPage.add(id);
                index++;
            }
            entries.add(new NodeStore.Entry(CURSOR, u64(page.lastSeq())));
            merkle.appendAll(leaves, entries);
            cursor = page.lastSeq();
            appended += leaves.size();
            if (page.end()) {
                return appended;
            }
        }
    }

    /**
     * Checks the log against the archive it follows: every invoice archived up to the cursor has
     * its leaf, in archive order, with the leaf hash of its hashes and retention date, and there are
     * no leaves beyond them. Returns the problems found (empty = consistent), at most {@code limit}.
     */
    public synchronized List<String> verifyAgainstArchive(int limit) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long index = 0;
        long after = 0;
        while (after < cursor && problems.size() < limit) {
            InvoiceFeed.Page page = feed.archivedAfter(after, PAGE);
            for (InvoiceArchived e : page.events()) {
                if (e.seq() > cursor || problems.size() >= limit) {
                    break;
                }
                if (!seen.add(e.invoiceId())) {
                    continue; // a repeated put has no second leaf (catchUp)
                }
                byte[] want = merkle.hasher().hashLeaf(InvoiceLeaf.encode(e.invoiceId(),
                        HexFormat.of().parseHex(e.docHash()), HexFormat.of().parseHex(e.metaHash()), e.retainUntil()));
                Optional<String> at = invoiceAt(index);
                if (index >= merkle.size() || at.isEmpty()) {
                    problems.add("invoice " + e.invoiceId() + " (archive position " + e.seq() + ") has no leaf "
                            + index + " (log size " + merkle.size() + ")");
                } else if (!at.get().equals(e.invoiceId())) {
                    problems.add("leaf " + index + " is invoice " + at.get() + ", the archive has " + e.invoiceId());
                } else if (!java.util.Arrays.equals(want, merkle.leafHash(index))) {
                    problems.add("leaf " + index + " (" + e.invoiceId() + ") does not hash the archived record");
                }
                index++;
            }
            if (page.end() || page.lastSeq() == after) {
                break;
            }
            after = page.lastSeq();
        }
        if (problems.isEmpty() && index != merkle.size()) {
            problems.add("log has " + merkle.size() + " leaves, the archive " + index + " invoices up to position "
                    + cursor);
        }
        return problems;
    }

    /**
     * A backup of this log taken with no append running, then {@code archiveBackup} run while appends
     * are still held back: the archive backup then holds at least every invoice the log backup has a
     * leaf for, so a restored log is a prefix of the restored archive and catches up from it.
     */
    public synchronized <T> T backup(Path backupDir, java.util.function.Supplier<T> archiveBackup) {
        merkle.backup(backupDir);
        return archiveBackup.get();
    }

    /** Restores the newest log backup in {@code backupDir} (see {@link #backup}) into {@code dbDir}. */
    public static void restore(Path backupDir, Path dbDir) {
        MerkleLog.restore(backupDir, dbDir);
    }

    /** The last archive feed position consumed. */
    public synchronized long cursor() {
        return cursor;
    }

    /** Number of leaves (invoices). */
    public long size() {
        return merkle.size();
    }

    /** The current root. */
    public byte[] root() {
        return merkle.root();
    }

    /** The root at {@code size} leaves. */
    public byte[] root(long size) {
        return merkle.root(size);
    }

    /** Consistency proof (RFC 9162 §2.1.4.1) from {@code size1} to {@code size2}. */
    public List<byte[]> consistencyProof(long size1, long size2) {
        return merkle.consistencyProof(size1, size2);
    }

    /** Inclusion proof of leaf {@code index} in the tree of {@code size} leaves. */
    public List<byte[]> inclusionProof(long index, long size) {
        return merkle.inclusionProof(index, size);
    }

    /** The leaf index of an invoice, if it has one. */
    public OptionalLong leafIndex(String invoiceId) {
        byte[] v = merkle.entry(indexKey(invoiceId));
        return v == null ? OptionalLong.empty() : OptionalLong.of(ByteBuffer.wrap(v).getLong());
    }

    /** The invoice at a leaf index, if {@code index < size()}. */
    public Optional<String> invoiceAt(long index) {
        byte[] v = merkle.entry(leafKey(index));
        return v == null ? Optional.empty() : Optional.of(new String(v, StandardCharsets.UTF_8));
    }

    /** The underlying Merkle log. */
    public MerkleLog merkle() {
        return merkle;
    }

    /** Records a checkpoint anchored on the ledger (durable on return). */
    public synchronized void recordAnchored(AnchoredCheckpoint c) {
        ObjectNode o = JSON.createObjectNode().put("treeSize", c.treeSize()).put("rootHash", c.rootHash())
                .put("txId", c.txId()).put("blockNumber", c.blockNumber())
                .put("recordedAt", c.recordedAt() == null ? null : c.recordedAt().toString());
        merkle.appendAll(List.of(), List.of(new NodeStore.Entry(anchoredKey(c.treeSize()),
                o.toString().getBytes(StandardCharsets.UTF_8))));
    }

    /** The anchored checkpoints recorded locally, by tree size. */
    public List<AnchoredCheckpoint> anchored() {
        List<AnchoredCheckpoint> out = new ArrayList<>();
        for (NodeStore.Entry e : merkle.entries(new byte[] {ANCHORED})) {
            try {
                JsonNode n = JSON.readTree(e.value());
                out.add(new AnchoredCheckpoint(n.path("treeSize").asLong(), n.path("rootHash").asText(),
                        n.path("txId").asText(), n.path("blockNumber").asLong(),
                        n.path("recordedAt").isTextual() ? Instant.parse(n.path("recordedAt").asText()) : null));
            } catch (IOException ex) {
                throw new IllegalStateException("corrupt anchored checkpoint record: " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    /** The last anchored checkpoint recorded locally. */
    public Optional<AnchoredCheckpoint> lastAnchored() {
        List<AnchoredCheckpoint> all = anchored();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static byte[] indexKey(String invoiceId) {
        byte[] id = invoiceId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + id.length).put(INDEX).put(id).array();
    }

    static byte[] leafKey(long index) {
        return ByteBuffer.allocate(9).put(LEAF).putLong(index).array();
    }

    static byte[] anchoredKey(long treeSize) {
        return ByteBuffer.allocate(9).put(ANCHORED).putLong(treeSize).array();
    }

    @Override
    public void close() {
        merkle.close();
    }
}
