package dev.fapiao.node.cli;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.model.ArchiveException;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.config.ConfigException;
import dev.fapiao.node.config.ConfigLoader;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.ledger.Ledger;
import dev.fapiao.node.ledger.LedgerSettings;
import dev.fapiao.node.runtime.NodeRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the node-level commands share: loading the configuration, opening an existing archive
 * outside a running node, and the ledger identity. A {@link ConfigException} is left to
 * {@link InvoiceNodeCli}'s handler, which prints {@code config: <message>} and exits 2.
 */
final class CliNode {
    private CliNode() {
    }

    /** Defaults, then {@code file} (may be null), then {@code FAPIAO_*} variables. */
    static NodeConfig config(Path file, CliEnvironment env) {
        return new ConfigLoader().load(file, env.variables());
    }

    /**
     * Opens the archive at {@code dir}, which must already hold one (never creates an empty
     * archive by mistake). RocksDB allows one process per archive: while a node runs on it this
     * fails with a message saying so.
     */
    static Archive openExisting(Path dir, NodeConfig config) {
        if (!Files.isRegularFile(dir.resolve("CURRENT"))) {
            throw new CliException("no archive at " + dir + " (check archive.path / node.dataDir)");
        }
        try {
            ArchiveOptions options = config == null ? ArchiveOptions.defaults(dir)
                    : NodeRuntime.archiveOptions(config, java.time.Clock.systemUTC()).toBuilder().path(dir).build();
            return Archive.open(options);
        } catch (ArchiveException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("LOCK") || m.toLowerCase().contains("lock")) {
                throw new CliException("the archive at " + dir + " is in use by another process (a running node?); "
                        + "stop the node first", e);
            }
            throw new CliException(m, e);
        }
    }

    /**
     * The configured ledger identity: the development profile's user (ledger.profile, ledger.mspId,
     * ledger.user), or the explicit endpoint and identity files (ledger.peerAddress ...). Mirrors
     * {@code NodeRuntime}'s choice.
     */
    static LedgerSettings ledgerSettings(NodeConfig config) {
        return NodeRuntime.ledgerSettings(config);
    }

    /** Connects to the ledger as {@code settings}' identity; a failure is one CLI error line. */
    static Ledger openLedger(LedgerSettings settings) {
        try {
            return Ledger.open(settings);
        } catch (IOException e) {
            throw new CliException("ledger: " + e.getMessage(), e);
        }
    }

    /** 1536 → "1.5 KiB". */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
