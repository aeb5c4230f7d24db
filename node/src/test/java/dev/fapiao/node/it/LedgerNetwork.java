package dev.fapiao.node.it;

import dev.fapiao.node.ledger.NetworkProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that brings the real Fabric network up once per test run with
 * {@code scripts/network.sh up} (a no-op when it already runs) and hands tests its
 * connection profile, {@code run/network/network.json}.
 */
public final class LedgerNetwork implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LedgerNetwork.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        profile(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == NetworkProfile.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return profile(e);
    }

    private static NetworkProfile profile(ExtensionContext context) {
        return context.getRoot().getStore(NS)
                .getOrComputeIfAbsent(NetworkProfile.class, k -> up(), NetworkProfile.class);
    }

    static Path repoRoot() {
        String root = System.getProperty("fapiao.root");
        Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/network.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (scripts/network.sh)");
        }
        return p;
    }

    private static NetworkProfile up() {
        Path root = repoRoot();
        try {
            Process proc = new ProcessBuilder(root.resolve("scripts/network.sh").toString(), "up")
                    .directory(root.toFile()).inheritIO().start();
            if (!proc.waitFor(10, TimeUnit.MINUTES) || proc.exitValue() != 0) {
                throw new IllegalStateException("scripts/network.sh up failed");
            }
            return NetworkProfile.read(root.resolve("run/network/network.json"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the network: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
