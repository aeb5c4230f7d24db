package dev.fapiao.node.renewal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's renewals on disk: one {@link RenewalLog} per directory
 * {@code <node.dataDir>/merkle-renewal-<sequence>-<algorithm>} (the algorithm is in the name so the
 * store can be opened with its hash). Thread-safe; closes every log it opened.
 */
final class RenewalLogs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RenewalLogs.class);
    static final String PREFIX = "merkle-renewal-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,10})-(SHA-256|SHA3-256)");

    private final Path dataDir;
    private final TreeMap<Long, RenewalLog> bySequence = new TreeMap<>();
    private boolean closed;

    private RenewalLogs(Path dataDir) {
        this.dataDir = dataDir;
    }

    /**
     * Opens every renewal under {@code dataDir}. A directory left by a crash while creating a
     * renewal (no leaf 0 yet) is deleted: nothing of it can have been anchored.
     */
    public static RenewalLogs open(Path dataDir) {
        RenewalLogs logs = new RenewalLogs(dataDir);
        if (!Files.isDirectory(dataDir)) {
            return logs;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dataDir, PREFIX + "*")) {
            for (Path d : dirs) {
                Matcher m = NAME.matcher(d.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(d)) {
                    continue;
                }
                long sequence = Long.parseLong(m.group(1));
                Optional<RenewalLog> opened = RenewalLog.open(d, RenewalAlgorithm.of(m.group(2)));
                if (opened.isEmpty()) {
                    log.warn("removing {}: a renewal whose creation did not complete", d);
                    deleteTree(d);
                    continue;
                }
                RenewalLog r = opened.get();
                if (r.sequence() != sequence || logs.bySequence.containsKey(sequence)) {
                    r.close();
                    logs.close();
                    throw new IllegalStateException(d + " does not hold renewal " + sequence
                            + " or duplicates it");
                }
                logs.bySequence.put(sequence, r);
            }
        } catch (IOException e) {
            logs.close();
            throw new UncheckedIOException("cannot list renewals in " + dataDir, e);
        } catch (RuntimeException e) {
            logs.close();
            throw e;
        }
        return logs;
    }

    /** All renewals, by sequence. */
    public synchronized List<RenewalLog> all() {
        return new ArrayList<>(bySequence.values());
    }

    public synchronized Optional<RenewalLog> get(long sequence) {
        return Optional.ofNullable(bySequence.get(sequence));
    }

    /** Creates renewal {@code link.sequence()}; there must be none with that sequence yet. */
    synchronized RenewalLog create(RenewalLink link) {
        ensureOpen();
        if (bySequence.containsKey(link.sequence())) {
            throw new IllegalStateException("renewal " + link.sequence() + " exists");
        }
        Path dir = dataDir.resolve(PREFIX + link.sequence() + "-" + link.algorithm());
        if (Files.exists(dir)) {
            deleteTree(dir); // an incomplete creation that open() did not see (it was created since)
        }
        RenewalLog r = RenewalLog.create(dir, link);
        bySequence.put(link.sequence(), r);
        return r;
    }

    /** Deletes a renewal that is not anchored (e.g. to start over with another algorithm). */
    synchronized void discard(RenewalLog r) {
        if (r.anchored().isPresent()) {
            throw new IllegalStateException(r + " is anchored and cannot be discarded");
        }
        bySequence.remove(r.sequence());
        r.close();
        deleteTree(r.dir());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("renewal logs are closed");
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (RenewalLog r : bySequence.values()) {
            try {
                r.close();
            } catch (RuntimeException e) {
                log.warn("closing {} failed: {}", r, e.toString());
            }
        }
        bySequence.clear();
    }
}
