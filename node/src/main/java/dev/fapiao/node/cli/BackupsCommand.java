package dev.fapiao.node.cli;

import dev.fapiao.node.archive.Backups;
import dev.fapiao.node.archive.BackupDescription;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backups", mixinStandardHelpOptions = true,
        description = "List the backups in a backup directory, oldest first.")
final class BackupsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "backup directory")
    Path from;

    @Override
    public Integer call() {
        if (!Files.isDirectory(from)) {
            throw new CliException("no backup directory " + from);
        }
        List<BackupDescription> backups = Backups.list(from);
        PrintWriter out = spec.commandLine().getOut();
        if (backups.isEmpty()) {
            out.println("no backups in " + from);
            return ExitCodes.OK;
        }
        out.printf("%-4s %-20s %14s %10s %6s%n", "ID", "CREATED (UTC)", "BYTES", "SIZE", "FILES");
        for (BackupDescription b : backups) {
            out.printf("%-4d %-20s %14d %10s %6d%n", b.backupId(), b.createdAt(), b.sizeBytes(),
                    CliNode.bytes(b.sizeBytes()), b.fileCount());
        }
        return ExitCodes.OK;
    }
}
