package dev.fapiao.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/net/check-keys.sh}, the check that no organisation's folder holds another's
 * private key (ConsortiumIT runs it on the real network): it passes on separated folders and
 * finds a key copied under another name, a key inside a JSON file, and a key in the shared folder.
 */
class KeySeparationCheckTest {

    @TempDir
    Path run;

    @BeforeEach
    void twoOrganisations() throws Exception {
        for (String org : new String[] {"alpha", "beta"}) {
            Path keystore = Files.createDirectories(run.resolve("orgs/" + org + "/crypto/msp/keystore"));
            exec("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-out", keystore.resolve("priv_sk").toString());
        }
        Files.createDirectories(run.resolve("shared/alpha/msp/cacerts"));
        Files.writeString(run.resolve("shared/alpha/msp/cacerts/ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    }

    @Test
    void separatedFoldersPass() throws Exception {
        Outcome o = check();
        assertEquals(0, o.code, o.out);
        assertTrue(o.out.contains("2 private keys"), o.out);
    }

    @Test
    void aKeyCopiedIntoAnotherOrganisationUnderAnotherNameIsFound() throws Exception {
        Path copy = Files.createDirectories(run.resolve("orgs/beta/backup")).resolve("old.pem");
        Files.copy(run.resolve("orgs/alpha/crypto/msp/keystore/priv_sk"), copy);
        Outcome o = check();
        assertEquals(1, o.code, o.out);
        assertTrue(o.out.contains("held by organisations: alpha beta"), o.out);
    }

    @Test
    void aKeyInsideJsonInTheSharedFolderIsFound() throws Exception {
        String pem = Files.readString(run.resolve("orgs/beta/crypto/msp/keystore/priv_sk"));
        Files.writeString(run.resolve("shared/alpha/connection.json"),
                "{\"client_key\": \"" + pem.replace("\n", "\\n") + "\"}");
        Outcome o = check();
        assertEquals(1, o.code, o.out);
        assertTrue(o.out.contains("in the shared folder"), o.out);
    }

    private record Outcome(int code, String out) {
    }

    private Outcome check() throws Exception {
        Path script = LedgerNetwork.repoRoot().resolve("scripts/net/check-keys.sh");
        Process p = new ProcessBuilder("bash", script.toString(), run.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "check-keys did not finish");
        return new Outcome(p.exitValue(), out);
    }

    private static void exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + ": " + out);
        }
    }
}
