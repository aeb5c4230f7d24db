package dev.fapiao.node.cli;

import dev.fapiao.node.crypto.CryptoProviders;
import java.io.Console;
import java.security.Provider;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What commands take from the outside world besides their arguments: environment variables, an
 * interactive password prompt, and the (lazily created, shared) BouncyCastle provider. Tests
 * substitute their own.
 */
final class CliEnvironment {
    static final String PASSWORD_ENV = "FAPIAO_KEY_PASSWORD";

    /** Reads a password interactively; returns null when no terminal is available. */
    interface Prompt {
        char[] readPassword(String prompt);
    }

    private final Function<String, String> env;
    private final Map<String, String> variables;
    private final Prompt prompt;
    private Provider provider;

    /** Variables by lookup only: {@link #variables()} answers {@code get} but cannot be enumerated. */
    CliEnvironment(Function<String, String> env, Prompt prompt) {
        this.env = Objects.requireNonNull(env);
        this.variables = new LookupOnlyMap(env);
        this.prompt = Objects.requireNonNull(prompt);
    }

    CliEnvironment(Map<String, String> variables, Prompt prompt) {
        this.env = Objects.requireNonNull(variables)::get;
        this.variables = variables;
        this.prompt = Objects.requireNonNull(prompt);
    }

    static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), p -> {
            Console c = System.console();
            return c == null ? null : c.readPassword("%s", p);
        });
    }

    /** The environment variables, for {@code ConfigLoader} ({@code FAPIAO_<SECTION>_<KEY>} overrides). */
    Map<String, String> variables() {
        return variables;
    }

    /** Creating the provider costs ~100 ms, so only commands that need JCA ask for it. */
    synchronized Provider provider() {
        if (provider == null) {
            provider = CryptoProviders.newBouncyCastle();
        }
        return provider;
    }

    /** From {@value #PASSWORD_ENV}, else the terminal (asked twice when {@code confirm}). */
    char[] password(String what, boolean confirm) {
        String fromEnv = env.apply(PASSWORD_ENV);
        if (fromEnv != null) {
            if (fromEnv.isEmpty()) {
                throw new CliException(PASSWORD_ENV + " is set but empty");
            }
            return fromEnv.toCharArray();
        }
        char[] pw = prompt.readPassword("Password for " + what + ": ");
        if (pw == null) {
            throw new CliException("a password is needed for " + what + ": set " + PASSWORD_ENV
                    + " or run in a terminal");
        }
        if (pw.length == 0) {
            throw new CliException("empty password");
        }
        if (confirm) {
            char[] again = prompt.readPassword("Repeat password: ");
            if (again == null || !Arrays.equals(pw, again)) {
                throw new CliException("passwords do not match");
            }
        }
        return pw;
    }

    private static final class LookupOnlyMap extends AbstractMap<String, String> {
        private final Function<String, String> lookup;

        LookupOnlyMap(Function<String, String> lookup) {
            this.lookup = lookup;
        }

        @Override
        public String get(Object key) {
            return key instanceof String k ? lookup.apply(k) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return Set.of();
        }
    }
}
