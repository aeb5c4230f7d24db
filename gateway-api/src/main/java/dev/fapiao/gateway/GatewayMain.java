package dev.fapiao.gateway;

import dev.fapiao.node.config.ConfigException;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar fapiao-gateway.jar [serve] [--config FILE]} runs the gateway (node
 * inside); {@code token --role R [--code C]... [--ttl 1h] [--sub NAME]} mints a
 * development JWT with the configured key.
 */
@Command(name = "fapiao-gateway", mixinStandardHelpOptions = true,
        subcommands = {GatewayMain.Serve.class, GatewayMain.Token.class},
        description = "Fapiao Ledger Archive REST gateway")
public final class GatewayMain implements Callable<Integer> {

    @Option(names = "--config", description = "YAML config file (node sections + section gateway)")
    Path config;

    public static void main(String[] args) {
        int rc = new CommandLine(new GatewayMain())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("fapiao-gateway: " + e.getMessage());
                    return e instanceof ConfigException || e instanceof IllegalArgumentException ? 2 : 1;
                })
                .execute(args);
        if (rc != 0 || (args.length > 0 && !args[0].equals("serve") && !args[0].startsWith("--config"))) {
            System.exit(rc);
        }
    }

    @Override
    public Integer call() throws Exception {
        return new Serve().run(config);
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway and the archive node")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--config", description = "YAML config file")
        Path config;

        @Override
        public Integer call() throws Exception {
            return run(config);
        }

        int run(Path file) throws Exception {
            GatewayConfig.Loaded c = GatewayConfig.load(file, System.getenv());
            dev.fapiao.node.runtime.LogSetup.apply(c.node(), "gateway");
            Gateway gw = Gateway.start(c.node(), c.gateway(), Clock.systemUTC());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                gw.close();
                stopped.countDown();
            }, "gateway-shutdown"));
            System.out.println("gateway ready on " + (c.gateway().tls() ? "https" : "http") + "://"
                    + c.gateway().host() + ":" + gw.port()
                    + (gw.certificate() != null ? " (certificate " + gw.certificate() + ")" : ""));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Mint a development bearer token")
    static final class Token implements Callable<Integer> {
        @Option(names = "--config", description = "YAML config file")
        Path config;
        @Option(names = "--role", required = true, description = "enterprise, auditor or operator")
        String role;
        @Option(names = "--code", description = "credit code the enterprise acts for (repeatable)")
        List<String> codes = new ArrayList<>();
        @Option(names = "--ttl", defaultValue = "1h", description = "lifetime: 30m, 1h, 3600s (at most gateway.jwtMaxLifetimeSeconds)")
        String ttl;
        @Option(names = "--sub", description = "subject (default: <role>-dev)")
        String sub;

        @Override
        public Integer call() {
            Caller.Role r;
            try {
                r = Caller.Role.valueOf(role.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--role must be enterprise, auditor or operator");
            }
            if (r == Caller.Role.ENTERPRISE && codes.isEmpty()) {
                throw new IllegalArgumentException("an enterprise token needs at least one --code");
            }
            for (String code : codes) {
                if (!dev.fapiao.node.invoice.CreditCode.isValid(code)) {
                    throw new IllegalArgumentException("--code " + code + " is not a valid credit code");
                }
            }
            GatewayConfig.Loaded c = GatewayConfig.load(config, System.getenv());
            Vertx vertx = Vertx.vertx();
            try {
                Tokens tokens = Tokens.create(vertx, c.gateway());
                System.out.println(tokens.mint(sub != null ? sub : r.claim() + "-dev", r, codes, duration(ttl)));
            } finally {
                vertx.close();
            }
            return 0;
        }
    }

    static Duration duration(String s) {
        Matcher m = Pattern.compile("(\\d{1,9})([smhd])").matcher(s.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--ttl: expected e.g. 30m, 24h, 7d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
