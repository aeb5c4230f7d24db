package dev.fapiao.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.BackupDescription;
import dev.fapiao.node.config.NodeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Back up a node: archive and Merkle log (RocksDB BackupEngine, incremental).",
            "--node URL: ask the RUNNING node (operator token) to back itself up into <node.dataDir>/backups; "
                + "it captures archive and Merkle log consistently while it keeps serving.",
            "--config FILE --to DIR: back up the archive while the node is stopped (this process opens the archive).",
            "Prints the backup id and size."})
final class BackupCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--node", paramLabel = "URL", description = "the running node's gateway, e.g. https://127.0.0.1:8443")
    URI node;

    @Option(names = "--token-file", paramLabel = "FILE", description = "file holding an OPERATOR bearer token (with --node)")
    Path tokenFile;

    @Option(names = "--cacert", paramLabel = "PEM", description = "CA certificate to trust for the node's TLS (with --node)")
    Path cacert;

    @Option(names = "--config", paramLabel = "FILE", description = "stopped node's configuration (archive.path / node.dataDir)")
    Path config;

    @Option(names = "--to", paramLabel = "DIR", description = "backup directory for a stopped node (created when missing)")
    Path to;

    BackupCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        if ((node == null) == (config == null)) {
            throw new CliException("give --node URL (a running node) or --config FILE --to DIR (a stopped node)");
        }
        return node != null ? online() : offline();
    }

    private Integer online() throws IOException, InterruptedException {
        if (tokenFile == null) {
            throw new CliException("--node needs --token-file (an OPERATOR token)");
        }
        String token = CliFiles.readText(tokenFile).strip();
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (cacert != null) {
            client.sslContext(trusting(cacert));
        }
        HttpRequest req = HttpRequest.newBuilder(node.resolve("/v1/admin/backups"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofHours(2))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> resp;
        try {
            resp = client.build().send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliException("cannot reach " + node + ": " + e.getMessage());
        }
        JsonNode body = resp.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(resp.body());
        if (resp.statusCode() != 201) {
            throw new CliException("node refused the backup: HTTP " + resp.statusCode() + " "
                    + body.path("detail").asText(body.path("title").asText("")));
        }
        spec.commandLine().getOut().printf("backup %d of the running node at %s: archive %d bytes (%s), %d files; "
                        + "Merkle log %d leaves (archive position %d); %d ms; in <node.dataDir>/backups%n",
                body.path("backupId").asInt(), node, body.path("sizeBytes").asLong(),
                CliNode.bytes(body.path("sizeBytes").asLong()), body.path("fileCount").asInt(),
                body.path("merkleLeaves").asLong(), body.path("merkleCursor").asLong(),
                body.path("durationMillis").asLong());
        return ExitCodes.OK;
    }

    private static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new CliException("--cacert " + pem + ": " + e.getMessage());
        }
    }

    private Integer offline() {
        if (to == null) {
            throw new CliException("--config needs --to DIR");
        }
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
