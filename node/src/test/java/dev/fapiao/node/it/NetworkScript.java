package dev.fapiao.node.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code scripts/network.sh} subcommands from tests, and reads the network's run state. */
final class NetworkScript {

    record Result(int exitCode, String output, long millis) {
    }

    private NetworkScript() {
    }

    static Result run(String... args) throws IOException, InterruptedException {
        Path root = LedgerNetwork.repoRoot();
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("scripts/network.sh").toString());
        cmd.addAll(List.of(args));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("network.sh " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        System.out.print(text);
        return new Result(p.exitValue(), text, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    static Path runDir() {
        return LedgerNetwork.repoRoot().resolve("run/network");
    }

    /** PID of a process of an organisation, from its PID file. */
    static long pid(String org, String name) throws IOException {
        return Long.parseLong(Files.readString(runDir().resolve("orgs/" + org + "/pids/" + name + ".pid")).trim());
    }
}
