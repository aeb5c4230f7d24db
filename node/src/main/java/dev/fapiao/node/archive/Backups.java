package dev.fapiao.node.archive;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/** Online backups of an open archive (RocksDB BackupEngine), and listing and restoring them. */
public interface Backups {

    /** Online backup into {@code backupDir} (incremental: files already there are not copied again). */
    BackupDescription backup(Path backupDir);

    /** The backups in {@code backupDir}, oldest first. */
    static List<BackupDescription> list(Path backupDir) {
        return RocksBackups.list(backupDir);
    }

    /**
     * Restores the newest backup in {@code backupDir} into {@code dbDir}, which must not be
     * open; existing files in {@code dbDir} are replaced.
     */
    static void restore(Path backupDir, Path dbDir) {
        RocksBackups.restore(backupDir, dbDir, OptionalInt.empty());
    }

    /** Restores backup {@code backupId} from {@code backupDir} into {@code dbDir}. */
    static void restore(Path backupDir, Path dbDir, int backupId) {
        RocksBackups.restore(backupDir, dbDir, OptionalInt.of(backupId));
    }
}
