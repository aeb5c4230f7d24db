package dev.fapiao.node.cli;

import dev.fapiao.node.archive.Backups;
import dev.fapiao.node.checkpoint.ArchiveLog;
import dev.fapiao.node.archive.BackupDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore an archive from a backup directory into a new (missing or empty) directory.",
            "Then point archive.path at it and start the node. Never overwrites an existing archive."})
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "backup directory")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "ARCHIVE_DIR", description = "new archive directory (must be missing or empty)")
    Path to;

    @Option(names = "--merkle-to", paramLabel = "MERKLE_DIR",
            description = "new Merkle log directory (<node.dataDir>/merkle), for a backup taken by a running node")
    Path merkleTo;

    @Option(names = "--backup-id", paramLabel = "N", description = "backup to restore (default: the newest; see 'backups')")
    Integer backupId;

    @Override
    public Integer call() {
        if (!Files.isDirectory(from)) {
            throw new CliException("no backup directory " + from);
        }
        refuseNonEmpty(to);
        // a running node's backup (backup --node) holds archive/ and merkle/; an offline one is the archive's
        Path archiveBackups = Files.isDirectory(from.resolve("archive")) ? from.resolve("archive") : from;
        Path merkleBackups = from.resolve("merkle");
        boolean hasMerkle = archiveBackups != from && Files.isDirectory(merkleBackups);
        if (hasMerkle && merkleTo == null) {
            throw new CliException("this backup holds a Merkle log too: give --merkle-to DIR (<node.dataDir>/merkle)");
        }
        if (hasMerkle) {
            refuseNonEmpty(merkleTo);
        }
        List<BackupDescription> backups = Backups.list(archiveBackups);
        if (backups.isEmpty()) {
            throw new CliException("no backups in " + from);
        }
        BackupDescription chosen = backupId == null ? backups.get(backups.size() - 1)
                : backups.stream().filter(b -> b.backupId() == backupId).findFirst()
                        .orElseThrow(() -> new CliException("no backup " + backupId + " in " + from
                                + " (have " + backups.stream().map(b -> String.valueOf(b.backupId())).toList() + ")"));
        Backups.restore(archiveBackups, to, chosen.backupId());
        if (hasMerkle) {
            // the newest log backup belongs with the newest archive backup (taken together)
            if (backupId != null && chosen != backups.get(backups.size() - 1)) {
                throw new CliException("archive restored; a Merkle log restore needs the newest backup: "
                        + "delete " + merkleTo + " and start the node to rebuild the log from the archive");
            }
            ArchiveLog.restore(merkleBackups, merkleTo);
        }
        spec.commandLine().getOut().printf("restored backup %d (%s, %s) from %s into %s%n", chosen.backupId(),
                chosen.createdAt(), CliNode.bytes(chosen.sizeBytes()), from, to);
        return ExitCodes.OK;
    }

    private static void refuseNonEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new CliException("refusing to restore into " + dir + ": not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new CliException("refusing to restore into non-empty directory " + dir
                        + " (restore into a new or empty directory)");
            }
        } catch (IOException e) {
            throw CliFiles.describe(dir, e);
        }
    }
}
