package dev.fapiao.node.runtime;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.BackupDescription;
import dev.fapiao.node.archive.Backups;
import dev.fapiao.node.checkpoint.ArchiveLog;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One online backup of a running node, taken inside it (no second RocksDB open): the Merkle log
 * and the archive, each an incremental RocksDB BackupEngine backup, into {@code <root>/merkle} and
 * {@code <root>/archive}. The log's appends are held back across both, so the archive backup holds
 * every invoice the log backup has a leaf for (the log is a prefix of the archive and catches up
 * from it after a restore). Writes to the archive go on meanwhile.
 *
 * @param directory      the backup root
 * @param archive        the archive backup just written
 * @param merkleLeaves   leaves in the Merkle log backup (-1: the node keeps no Merkle log)
 * @param merkleCursor   archive feed position the Merkle log backup had consumed (-1: none)
 * @param durationMillis time the backup took
 */
public record NodeBackup(Path directory, BackupDescription archive, long merkleLeaves, long merkleCursor,
                         long durationMillis) {

    /** The archive backup's id (BackupEngine). */
    public int backupId() {
        return archive.backupId();
    }

    public java.time.Instant createdAt() {
        return archive.createdAt();
    }

    /** Size of the archive backup in bytes. */
    public long sizeBytes() {
        return archive.sizeBytes();
    }

    public int fileCount() {
        return archive.fileCount();
    }

    /** Takes the backup of {@code archive} and {@code log} (null when checkpoints are off) into {@code root}. */
    public static NodeBackup take(Archive archive, ArchiveLog log, Path root) {
        long start = System.nanoTime();
        if (log == null) {
            BackupDescription d = archive.backups().backup(root.resolve("archive"));
            return new NodeBackup(root, d, -1, -1, (System.nanoTime() - start) / 1_000_000);
        }
        long[] at = new long[2];
        BackupDescription d = log.backup(root.resolve("merkle"), () -> {
            at[0] = log.size();
            at[1] = log.cursor();
            return archive.backups().backup(root.resolve("archive"));
        });
        return new NodeBackup(root, d, at[0], at[1], (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Restores the newest backup under {@code root} into {@code archiveDir} and, when the backup has
     * one, {@code merkleDir}. A backup directory of the older layout (an archive backup only) is
     * restored as the archive.
     */
    public static void restore(Path root, Path archiveDir, Path merkleDir) {
        Path archiveBackup = root.resolve("archive");
        if (!Files.isDirectory(archiveBackup)) {
            Backups.restore(root, archiveDir);
            return;
        }
        Backups.restore(archiveBackup, archiveDir);
        if (Files.isDirectory(root.resolve("merkle"))) {
            ArchiveLog.restore(root.resolve("merkle"), merkleDir);
        }
    }
}
