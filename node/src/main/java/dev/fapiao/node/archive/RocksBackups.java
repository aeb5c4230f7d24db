package dev.fapiao.node.archive;

import dev.fapiao.node.model.ArchiveException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.rocksdb.BackupEngine;
import org.rocksdb.BackupEngineOptions;
import org.rocksdb.BackupInfo;
import org.rocksdb.Env;
import org.rocksdb.RestoreOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Backups through RocksDB's BackupEngine: online (flushes, then copies new files), incremental. */
final class RocksBackups implements Backups {

    private static final Logger log = LoggerFactory.getLogger(RocksBackups.class);

    private final ArchiveDb db;

    RocksBackups(ArchiveDb db) {
        this.db = db;
    }

    @Override
    public BackupDescription backup(Path backupDir) {
        return db.read(() -> {
            try {
                Files.createDirectories(backupDir);
            } catch (IOException e) {
                throw new ArchiveException("cannot create backup directory " + backupDir + ": " + e.getMessage(), e);
            }
            try (BackupEngineOptions beo = new BackupEngineOptions(backupDir.toString());
                 BackupEngine be = BackupEngine.open(Env.getDefault(), beo)) {
                be.createNewBackup(db.rocks(), true);
                List<BackupInfo> infos = be.getBackupInfo();
                BackupDescription d = describe(infos.get(infos.size() - 1));
                log.info("archive backup {} written to {}", d.backupId(), backupDir);
                return d;
            }
        });
    }

    private static BackupDescription describe(BackupInfo i) {
        return new BackupDescription(i.backupId(), Instant.ofEpochSecond(i.timestamp()), i.size(), i.numberFiles());
    }

    static List<BackupDescription> list(Path backupDir) {
        if (!Files.isDirectory(backupDir)) {
            return List.of();
        }
        RocksDB.loadLibrary();
        try (BackupEngineOptions beo = new BackupEngineOptions(backupDir.toString());
             BackupEngine be = BackupEngine.open(Env.getDefault(), beo)) {
            return be.getBackupInfo().stream().map(RocksBackups::describe).toList();
        } catch (RocksDBException e) {
            throw new ArchiveException("cannot read backups in " + backupDir + ": " + e.getMessage(), e);
        }
    }

    static void restore(Path backupDir, Path dbDir, OptionalInt backupId) {
        if (!Files.isDirectory(backupDir)) {
            throw new ArchiveException("no backup directory " + backupDir);
        }
        RocksDB.loadLibrary();
        try {
            Files.createDirectories(dbDir);
        } catch (IOException e) {
            throw new ArchiveException("cannot create " + dbDir + ": " + e.getMessage(), e);
        }
        try (BackupEngineOptions beo = new BackupEngineOptions(backupDir.toString());
             BackupEngine be = BackupEngine.open(Env.getDefault(), beo);
             RestoreOptions ro = new RestoreOptions(false)) {
            if (be.getBackupInfo().isEmpty()) {
                throw new ArchiveException("no backups in " + backupDir);
            }
            if (backupId.isPresent()) {
                be.restoreDbFromBackup(backupId.getAsInt(), dbDir.toString(), dbDir.toString(), ro);
            } else {
                be.restoreDbFromLatestBackup(dbDir.toString(), dbDir.toString(), ro);
            }
            log.info("archive restored from {} into {}", backupDir, dbDir);
        } catch (RocksDBException e) {
            throw new ArchiveException("restore from " + backupDir + " failed: " + e.getMessage(), e);
        }
    }
}
