package dev.fapiao.node.cli;

import dev.fapiao.node.model.ArchiveException;
import dev.fapiao.node.config.ConfigException;
import dev.fapiao.node.crypto.CryptoFormatException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code invoice-node}: the archive node's command line. Subcommands are registered in
 * {@link #newCommandLine(CliEnvironment)}; later ones (e.g. verify-proof) are added there the same way.
 * Exit codes: {@link ExitCodes}; a {@link ConfigException} prints {@code config: <message>} and exits 2.
 */
@Command(name = "invoice-node", mixinStandardHelpOptions = true, versionProvider = InvoiceNodeCli.Version.class,
        description = "Fapiao Ledger Archive node.",
        subcommands = CommandLine.HelpCommand.class)
public final class InvoiceNodeCli implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The full command line with process environment and terminal prompts. */
    public static CommandLine newCommandLine() {
        return newCommandLine(CliEnvironment.system());
    }

    static CommandLine newCommandLine(CliEnvironment env) {
        CommandLine cl = new CommandLine(new InvoiceNodeCli())
                .addSubcommand(new KeygenCommand(env))
                .addSubcommand(new SignCommand(env))
                .addSubcommand(new SignRequestCommand(env, java.time.Clock.systemUTC()))
                .addSubcommand(new VerifyCommand(env))
                .addSubcommand(new KeyIdCommand(env))
                .addSubcommand(new ServeCommand(env, java.util.List.of()))
                .addSubcommand(new BackupCommand(env))
                .addSubcommand(new RestoreCommand())
                .addSubcommand(new BackupsCommand())
                .addSubcommand(new VerifyArchiveCommand(env))
                .addSubcommand(new VerifyProofCommand())
                .addSubcommand(new CheckDocumentCommand())
                .addSubcommand(new RenewCommand(env))
                .addSubcommand(new ReplicateCommand(env));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine sub = ex.getCommandLine();
            sub.getErr().println(sub.getCommandSpec().qualifiedName() + ": " + oneLine(ex.getMessage())
                    + " (see --help)");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, sub, parseResult) -> {
            if (ex instanceof ConfigException) {
                sub.getErr().println("config: " + oneLine(ex.getMessage()));
                return ExitCodes.USAGE;
            }
            sub.getErr().println(sub.getCommandSpec().qualifiedName() + ": " + describe(ex));
            return ExitCodes.USAGE;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand");
    }

    private static String describe(Exception ex) {
        if (ex instanceof CliException || ex instanceof CryptoFormatException || ex instanceof ArchiveException
                || ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException) {
            return oneLine(ex.getMessage());
        }
        // Unexpected: still no stack trace for the user, but name the failure.
        return "internal error: " + oneLine(ex.toString());
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "error";
        }
        String line = s.replaceAll("\\s*\\R\\s*", " ").strip();
        return line.startsWith("Error: ") ? line.substring(7) : line;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = InvoiceNodeCli.class.getPackage().getImplementationVersion();
            return new String[] {"invoice-node " + (v == null ? "(development build)" : v)};
        }
    }
}
