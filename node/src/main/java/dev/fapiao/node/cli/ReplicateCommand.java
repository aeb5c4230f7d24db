package dev.fapiao.node.cli;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ReplicationProgress;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.replication.Replicator;
import dev.fapiao.node.runtime.NodeRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replicate}: runs the node with the fetch-and-verify replicator until it has been idle
 * (no ledger event) for {@code --idle-seconds}, showing held / missing / refused with a progress bar
 * on a terminal and one line per {@code --every} invoices otherwise; exit 1 when invoices are missing.
 * {@code --status} prints the durable progress of a stopped node instead.
 */
@Command(name = "replicate", mixinStandardHelpOptions = true,
        description = {"Fetch and verify the anchored invoices this node should hold from other members' nodes.",
            "Options override replication.* of the configuration (docs/operations.md)."})
final class ReplicateCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file")
    Path config;

    @Option(names = "--peer", paramLabel = "URL", description = "a member's node, https://host:port (repeatable)")
    List<String> peers = new ArrayList<>();

    @Option(names = "--issuer", paramLabel = "CODE", description = "hold only this issuer's invoices (repeatable)")
    List<String> issuers = new ArrayList<>();

    @Option(names = "--from-block", paramLabel = "N", description = "first block of a new replicator")
    Long fromBlock;

    @Option(names = "--idle-seconds", paramLabel = "S", defaultValue = "20",
            description = "stop after this long without a ledger event (default ${DEFAULT-VALUE})")
    int idleSeconds;

    @Option(names = "--every", paramLabel = "N", defaultValue = "100",
            description = "without a terminal: one line per N invoices held (default ${DEFAULT-VALUE})")
    int every;

    @Option(names = "--status", description = "print the progress of a stopped node and exit")
    boolean status;

    ReplicateCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        NodeConfig cfg = CliNode.config(config, env);
        PrintWriter out = spec.commandLine().getOut();
        if (status) {
            try (Archive archive = CliNode.openExisting(cfg.archivePath(), cfg)) {
                ReplicationProgress p = archive.nodeState().replicationProgress().orElse(null);
                out.println(p == null ? "replication: not started"
                        : String.format(Locale.ROOT, "replication: block %d, held %d, missing %d, refused %d",
                                p.block(), p.held(), p.missing(), p.refused()));
                return ExitCodes.OK;
            }
        }
        NodeConfig.Replication r = cfg.replication();
        NodeConfig.Replication mine = new NodeConfig.Replication(r.serve(), r.host(), r.port(), r.trustFile(),
                r.certificate(), r.privateKey(), true, peers.isEmpty() ? r.peers() : String.join(",", peers),
                fromBlock == null ? r.startBlock() : fromBlock, issuers.isEmpty() ? r.issuers() : String.join(",", issuers),
                r.fromDate(), r.toDate(), r.parallelism(), r.rounds(), r.retryMillis());
        if (mine.peers().isBlank()) {
            throw new CliException("no peer node: give --peer https://host:port or replication.peers");
        }
        NodeConfig run = new NodeConfig(cfg.node(), cfg.archive(), cfg.seal(), cfg.retention(), cfg.ledger(),
                cfg.anchoring(), cfg.sync(), cfg.checkpoint(), mine, cfg.documents(), cfg.anomaly(),
                cfg.requestSignatures(), cfg.logging(), cfg.audit());
        try (NodeRuntime rt = ServeCommand.startRuntime(run)) {
            return follow(rt, out, System.console() != null);
        }
    }

    private int follow(NodeRuntime rt, PrintWriter out, boolean terminal) throws InterruptedException {
        Replicator rep = rt.replicator();
        long start = System.nanoTime();
        long startStored = rep.stats().stored();
        long lastChange = System.nanoTime();
        long lastKey = -1;
        long lastLine = 0;
        Replicator.Stats s = rep.stats();
        while (true) {
            Thread.sleep(terminal ? 250 : 1000);
            s = rep.stats();
            long key = s.held() * 31 + s.missing() * 7 + s.refused() + s.block();
            if (key != lastKey) {
                lastKey = key;
                lastChange = System.nanoTime();
            }
            long height = height(rt);
            double seconds = Math.max(1e-3, (lastChange - start) / 1e9);
            double rate = (s.stored() - startStored) / seconds;
            if (terminal) {
                out.print("\r" + bar(s.block() + 1, height) + " " + line(s, rate, height));
                out.flush();
            } else if (s.held() - lastLine >= every) {
                lastLine = s.held() - s.held() % every;
                out.println(line(s, rate, height));
                out.flush();
            }
            if (System.nanoTime() - lastChange > idleSeconds * 1_000_000_000L) {
                if (terminal) {
                    out.println();
                }
                out.println("replicated: " + line(s, rate, height));
                out.flush();
                return s.missing() == 0 ? ExitCodes.OK : ExitCodes.INVALID;
            }
        }
    }

    private static long height(NodeRuntime rt) {
        try {
            return rt.ledger().chainHeight();
        } catch (LedgerUnavailableException e) {
            return -1;
        }
    }

    static String line(Replicator.Stats s, double rate, long height) {
        return String.format(Locale.ROOT, "held %d, missing %d, refused %d, fetched and verified %d (%.1f/s), "
                + "block %d of %d", s.held(), s.missing(), s.refused(), s.stored(), rate, s.block(), height);
    }

    static String bar(long done, long total) {
        int width = 30;
        int filled = total <= 0 ? 0 : (int) Math.min(width, done * width / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
