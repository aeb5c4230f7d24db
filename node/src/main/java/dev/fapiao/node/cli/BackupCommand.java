package dev.fapiao.node.cli;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.BackupDescription;
import dev.fapiao.node.config.NodeConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Back up the archive (RocksDB BackupEngine, incremental: files already in DIR are not copied again).",
            "This command opens the archive itself, and RocksDB lets one process open an archive: run it while the "
                + "node is stopped. (Backing up a running node needs a trigger inside that node, e.g. an admin "
                + "endpoint; Archive.backup is online-safe.)",
            "Prints the backup id and size."})
final class BackupCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "node configuration (archive.path / node.dataDir)")
    Path config;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "backup directory (created when missing)")
    Path to;

    BackupCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        NodeConfig cfg = CliNode.config(config, env);
        BackupDescription d;
        try (Archive archive = CliNode.openExisting(cfg.archivePath(), cfg)) {
            d = archive.backups().backup(to);
        }
        spec.commandLine().getOut().printf("backup %d of %s written to %s: %d bytes (%s), %d files, %s%n",
                d.backupId(), cfg.archivePath(), to, d.sizeBytes(), CliNode.bytes(d.sizeBytes()), d.fileCount(),
                d.createdAt());
        return ExitCodes.OK;
    }
}
