package dev.fapiao.node.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "keyid", mixinStandardHelpOptions = true,
        description = "Print the key id: lowercase hex SM3 of the DER SubjectPublicKeyInfo.")
final class KeyIdCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    KeySource keySource;

    KeyIdCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(keySource.load(env).keyId());
        return ExitCodes.OK;
    }
}
