package dev.fapiao.node.cli;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.checkpoint.ArchiveLog;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.crypto.Sm2Pem;
import dev.fapiao.node.crypto.Sm2PrivateKey;
import dev.fapiao.node.ledger.Ledger;
import dev.fapiao.node.ledger.LedgerSettings;
import dev.fapiao.node.renewal.RenewalAlgorithm;
import dev.fapiao.node.renewal.RenewalException;
import dev.fapiao.node.renewal.RenewalResult;
import dev.fapiao.node.renewal.Renewals;
import dev.fapiao.node.seal.Sealer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code renew}: long-term renewal of the node's evidence under a second hash algorithm (RFC 4998
 * §5.2 hash-tree renewal; docs/renewal.md). Opens the archive, the Merkle log and the seal key
 * itself, so the node must be stopped; a running node renews through {@code NodeRuntime.renewals()}.
 */
@Command(name = "renew", mixinStandardHelpOptions = true,
        description = {"Renew the archive's evidence under another hash algorithm (docs/renewal.md): re-hash every "
                + "document and metadata covered by the latest anchored checkpoint, build a tree that also commits "
                + "to the previous evidence, sign it with the node key and anchor it (anchorRenewal).",
            "Resumes an interrupted renewal. Opens the archive itself: run it while the node is stopped.",
            "Exit 0 anchored (or already up to date), 1 the ledger refused or the renewal could not complete, "
                + "2 usage/config error."})
final class RenewCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "node configuration")
    Path config;

    @Option(names = "--algorithm", required = true, paramLabel = "NAME",
            description = "hash algorithm of the renewal: SHA-256 or SHA3-256")
    String algorithm;

    RenewCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        RenewalAlgorithm alg = RenewalAlgorithm.byName(algorithm).orElseThrow(() -> new ParameterException(
                spec.commandLine(), "--algorithm must be SHA-256 or SHA3-256, got '" + algorithm + "'"));
        NodeConfig cfg = CliNode.config(config, env);
        if (!cfg.checkpoint().enabled()) {
            throw new CliException("renewal covers the Merkle log's anchored checkpoints: checkpoint.enabled is false");
        }
        if (!Files.isDirectory(cfg.merklePath())) {
            throw new CliException("no Merkle log at " + cfg.merklePath() + " (has the node anchored a checkpoint?)");
        }
        Sealer sealer = new Sealer(sealKey(cfg));
        LedgerSettings ledgerSettings = CliNode.ledgerSettings(cfg);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Archive archive = CliNode.openExisting(cfg.archivePath(), cfg);
             ArchiveLog log = ArchiveLog.open(cfg.merklePath(), archive.feed());
             Ledger ledger = CliNode.openLedger(ledgerSettings);
             Renewals renewals = Renewals.open(cfg.node().id(), Path.of(cfg.node().dataDir()), archive.invoices(),
                     archive.documents(), log,
                     sealer::signProofBundle, ledger, Clock.systemUTC())) {
            RenewalResult r = renewals.renewer().renew(alg);
            if (r.anchoredNow()) {
                out.printf("renewal %d of node %s anchored: %s, log size %d (%d renewed now, %d disposed), tree size %d, "
                        + "root %s, tx %s%n", r.sequence(), cfg.node().id(), r.algorithm(), r.logTreeSize(),
                        r.renewedNow(), r.disposed(), r.treeSize(), r.rootHash(), r.txId());
            } else {
                out.printf("up to date: renewal %d of node %s (%s) already covers the anchored log of %d leaves, "
                        + "root %s, tx %s%n", r.sequence(), cfg.node().id(), r.algorithm(), r.logTreeSize(),
                        r.rootHash(), r.txId());
            }
            out.flush();
            return ExitCodes.OK;
        } catch (RenewalException e) {
            err.println(spec.qualifiedName() + ": " + oneLine(e.getMessage()));
            err.flush();
            return ExitCodes.INVALID;
        }
    }

    /** The node's seal key (never created here: a renewal must be signed by the registered key). */
    private static Sm2PrivateKey sealKey(NodeConfig cfg) {
        Path file = cfg.sealKeyFile();
        if (!Files.isRegularFile(file)) {
            throw new CliException("no seal key at " + file + " (seal.keyFile)");
        }
        String password = cfg.seal().keyPassword();
        try {
            return new Sm2Pem(dev.fapiao.node.crypto.CryptoProviders.newBouncyCastle()).readPrivateKey(
                    Files.readString(file, StandardCharsets.US_ASCII),
                    password == null || password.isEmpty() ? null : password.toCharArray());
        } catch (IOException e) {
            throw new CliException("cannot read the seal key " + file + ": " + e.getMessage(), e);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "error" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
