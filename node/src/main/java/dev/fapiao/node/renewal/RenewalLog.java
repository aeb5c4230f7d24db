package dev.fapiao.node.renewal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.merkle.store.MerkleLog;
import dev.fapiao.node.merkle.store.NodeStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The local record of one renewal: its RFC 9162 tree under the renewal's algorithm in its own
 * RocksDB ({@link MerkleLog}, {@code <node.dataDir>/merkle-renewal-<sequence>-<algorithm>}) and, as
 * entries of that store written in the same synced batches as the leaves:
 *
 * <pre>
 * "p"                 -> JSON RenewalLink (written with leaf 0, in the batch that creates the renewal)
 * "l" || u64 BE i     -> RenewedLeaf v1 encoding of log leaf i (tree leaf i + 1)
 * "b"                 -> JSON Built {treeSize, rootHash, builtAt}: the tree is complete (never rewritten)
 * "a"                 -> JSON Anchored: the renewal as the ledger holds it
 * </pre>
 *
 * Leaves are appended in log order only, so after a crash the tree is a prefix of whole batches and
 * the build resumes at {@code leafCount()}. Once {@code "b"} is written the root is fixed: a resumed
 * renewal signs and anchors that root, never a rebuilt one.
 */
final class RenewalLog implements AutoCloseable {
    static final byte[] LINK = {'p'};
    static final byte LEAF = 'l';
    static final byte[] BUILT = {'b'};
    static final byte[] ANCHORED = {'a'};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    /** The complete tree. */
    public record Built(long treeSize, String rootHash, String builtAt) {
    }

    /** The renewal as anchored: the ledger's record (transaction, key id, signature) and where it is. */
    public record Anchored(long treeSize, String rootHash, String txId, long blockNumber, String keyId,
            String signature, String anchoredAt, String recordedAt) {
    }

    private final Path dir;
    private final MerkleLog merkle;
    private final RenewalLink link;
    private final RenewalAlgorithm algorithm;

    private RenewalLog(Path dir, MerkleLog merkle, RenewalLink link) {
        this.dir = dir;
        this.merkle = merkle;
        this.link = link;
        this.algorithm = RenewalAlgorithm.of(link.algorithm());
    }

    /**
     * Creates the renewal in {@code dir} (which must not hold one): leaf 0 and the link in one
     * synced write.
     */
    static RenewalLog create(Path dir, RenewalLink link) {
        RenewalAlgorithm algorithm = RenewalAlgorithm.of(link.algorithm());
        MerkleLog merkle = MerkleLog.open(dir, algorithm.hasher());
        try {
            if (merkle.size() != 0 || merkle.entry(LINK) != null) {
                throw new IllegalStateException(dir + " already holds a renewal");
            }
            merkle.appendAll(List.of(link.encode()), List.of(new NodeStore.Entry(LINK, json(link))));
            return new RenewalLog(dir, merkle, link);
        } catch (RuntimeException e) {
            merkle.close();
            throw e;
        }
    }

    /** Opens an existing renewal; empty when the directory holds no complete creation (see {@link #create}). */
    static Optional<RenewalLog> open(Path dir, RenewalAlgorithm algorithm) {
        MerkleLog merkle = MerkleLog.open(dir, algorithm.hasher());
        try {
            byte[] l = merkle.entry(LINK);
            if (l == null || merkle.size() == 0) {
                merkle.close();
                return Optional.empty();
            }
            RenewalLink link = JSON.readValue(l, RenewalLink.class);
            if (!link.algorithm().equals(algorithm.algorithmName())) {
                throw new IllegalStateException(dir + " holds a " + link.algorithm() + " renewal");
            }
            return Optional.of(new RenewalLog(dir, merkle, link));
        } catch (java.io.IOException | RuntimeException e) {
            merkle.close();
            throw new IllegalStateException("cannot open renewal " + dir + ": " + e.getMessage(), e);
        }
    }

    public RenewalLink link() {
        return link;
    }

    public long sequence() {
        return link.sequence();
    }

    public RenewalAlgorithm algorithm() {
        return algorithm;
    }

    Path dir() {
        return dir;
    }

    /** The renewal tree (leaf 0 = link, leaf i + 1 = log leaf i). */
    public MerkleLog merkle() {
        return merkle;
    }

    /** Log leaves renewed so far (tree size minus leaf 0). */
    public long renewedLeaves() {
        return Math.max(0, merkle.size() - 1);
    }

    /** Appends the next log leaves in order (leaf {@code renewedLeaves()} first), in one synced write. */
    void append(List<RenewedLeaf> leaves) {
        long next = renewedLeaves();
        List<byte[]> data = new ArrayList<>(leaves.size());
        List<NodeStore.Entry> entries = new ArrayList<>(leaves.size());
        for (RenewedLeaf leaf : leaves) {
            if (leaf.leafIndex() != next) {
                throw new IllegalArgumentException("leaf " + leaf.leafIndex() + " appended where " + next
                        + " is due");
            }
            byte[] encoded = leaf.encode();
            data.add(encoded);
            entries.add(new NodeStore.Entry(leafKey(next), encoded));
            next++;
        }
        if (built().isPresent()) {
            throw new IllegalStateException("renewal " + sequence() + " is complete");
        }
        merkle.appendAll(data, entries);
    }

    /** The renewed leaf of log leaf {@code logIndex}, if the tree has it. */
    public Optional<RenewedLeaf> leaf(long logIndex) {
        byte[] v = merkle.entry(leafKey(logIndex));
        return v == null ? Optional.empty() : Optional.of(RenewedLeaf.decode(v));
    }

    public Optional<Built> built() {
        return read(BUILT, Built.class);
    }

    void recordBuilt(Built b) {
        if (built().isPresent()) {
            throw new IllegalStateException("renewal " + sequence() + " is already complete");
        }
        merkle.appendAll(List.of(), List.of(new NodeStore.Entry(BUILT, json(b))));
    }

    public Optional<Anchored> anchored() {
        return read(ANCHORED, Anchored.class);
    }

    void recordAnchored(Anchored a) {
        Built b = built().orElseThrow(() -> new IllegalStateException("renewal " + sequence() + " is not built"));
        if (b.treeSize() != a.treeSize() || !b.rootHash().equals(a.rootHash())) {
            throw new IllegalStateException("renewal " + sequence() + ": anchored root differs from the built one");
        }
        merkle.appendAll(List.of(), List.of(new NodeStore.Entry(ANCHORED, json(a))));
    }

    /** The root of the complete tree, as hex. */
    String root() {
        return HEX.formatHex(merkle.root());
    }

    private <T> Optional<T> read(byte[] key, Class<T> type) {
        byte[] v = merkle.entry(key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(v, type));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt renewal record in " + dir + ": " + e.getMessage(), e);
        }
    }

    static byte[] leafKey(long logIndex) {
        return ByteBuffer.allocate(9).put(LEAF).putLong(logIndex).array();
    }

    private static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(Objects.requireNonNull(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        merkle.close();
    }

    @Override
    public String toString() {
        return "renewal " + sequence() + " (" + algorithm + ", log size " + link.logTreeSize() + ")";
    }
}
