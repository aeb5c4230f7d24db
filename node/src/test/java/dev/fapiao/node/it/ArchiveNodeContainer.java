package dev.fapiao.node.it;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.ledger.LedgerConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * An organisation's archive node with its REST gateway as a container of the local image
 * {@code fapiao/node:local} (scripts/images.sh), started by Testcontainers on the docker daemon
 * of scripts/dockerd.sh: host network, the organisation's own loopback address, configuration
 * by {@code FAPIAO_*} variables, its data in a host folder mounted at /var/lib/fapiao.
 */
final class ArchiveNodeContainer implements AutoCloseable {

    static final String IMAGE = "fapiao/node:local";
    static final String OWNER_CODE = "91110108MA01FP0Y2C";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GenericContainer<?> container;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ArchiveNodeContainer(GenericContainer<?> container, String baseUrl) {
        this.container = container;
        this.baseUrl = baseUrl;
    }

    /**
     * Fails the test, with what to do, unless the daemon answers and the images exist: a
     * container test that cannot run is a failure, never a skip.
     */
    static void requireEngine(String... images) {
        String host = System.getenv("DOCKER_HOST");
        String todo = ": run scripts/dockerd.sh start (as root) and scripts/images.sh, or scripts/test.sh, which does both";
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                fail("no docker daemon at DOCKER_HOST=" + host + todo);
            }
        } catch (RuntimeException e) {
            fail("docker at DOCKER_HOST=" + host + " is not usable (" + e + ")" + todo, e);
        }
        for (String image : images) {
            try {
                DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            } catch (RuntimeException e) {
                fail("image " + image + " is missing on DOCKER_HOST=" + host + ": run scripts/images.sh");
            }
        }
    }

    /**
     * Registers a fresh seal key as a NODE key (the operator's act, as in production: {@code operator}
     * is an admin of {@code mspId}, which then owns the node) and starts the node for organisation
     * {@code mspId}, following the ledger from genesis.
     */
    static ArchiveNodeContainer start(String nodeId, String mspId, String host, int port, Path data,
                                      LedgerConnection operator) throws Exception {
        Files.createDirectories(data);
        Sm2KeyPair key = Sm2KeyPair.generate();
        Files.writeString(data.resolve("seal-key.pem"), key.privateKey().toPem());
        String registration = JSON.createObjectNode().put("ownerCode", OWNER_CODE).put("kind", "NODE")
                .put("nodeId", nodeId).put("publicKey", key.publicKey().toPem())
                .put("validFrom", Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.SECONDS).toString()).toString();
        operator.contract().submitTransaction("registerSigner", registration);

        String runDir = NetworkScript.runDir().toString();
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withNetworkMode("host")
                .withFileSystemBind(runDir, runDir, BindMode.READ_ONLY) // network.json and the identities it names
                .withFileSystemBind(data.toString(), "/var/lib/fapiao", BindMode.READ_WRITE)
                .withEnv("FAPIAO_NODE_ID", nodeId)
                .withEnv("FAPIAO_NODE_OWNER_CODE", OWNER_CODE)
                .withEnv("FAPIAO_LEDGER_PROFILE", runDir + "/network.json")
                .withEnv("FAPIAO_LEDGER_MSP_ID", mspId)
                .withEnv("FAPIAO_LEDGER_USER", "User1")
                .withEnv("FAPIAO_SYNC_START_FROM", "genesis")
                .withEnv("FAPIAO_CHECKPOINT_ENABLED", "false") // it holds nothing it could checkpoint
                .withEnv("FAPIAO_GATEWAY_HOST", host)
                .withEnv("FAPIAO_GATEWAY_PORT", Integer.toString(port))
                .withEnv("FAPIAO_GATEWAY_TLS", "false")
                .withEnv("FAPIAO_GATEWAY_DATA_DIR", "/var/lib/fapiao/gateway")
                // each anchored invoice it does not hold, as it applies the block (the IT waits on these lines)
                .withEnv("JAVA_OPTS", "-Xmx512m")
                .withEnv("FAPIAO_LOGGING_LEVELS", "dev.fapiao.node.service.ArchiveSyncTarget=debug")
                .waitingFor(Wait.forLogMessage(".*gateway ready on .*", 1).withStartupTimeout(Duration.ofMinutes(4)));
        c.start();
        return new ArchiveNodeContainer(c, "http://" + host + ":" + port);
    }

    String containerId() {
        return container.getContainerId();
    }

    String logs() {
        return container.getLogs();
    }

    /** A development token minted by the container's own gateway (its generated secret). */
    String token(String role) throws IOException, InterruptedException {
        var r = container.execInContainer("fapiao-gateway", "token", "--role", role, "--sub", "container-it");
        if (r.getExitCode() != 0) {
            fail("token --role " + role + " in the container failed: " + r.getStderr());
        }
        return r.getStdout().trim();
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Graceful stop (SIGTERM: the node closes its archive), then the container is removed. */
    @Override
    public void close() {
        if (container.getContainerId() != null && container.isRunning()) {
            DockerClientFactory.instance().client().stopContainerCmd(container.getContainerId()).withTimeout(60).exec();
        }
        container.stop();
    }
}
