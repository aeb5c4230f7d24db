package dev.fapiao.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** One in-process run of the CLI with captured streams. */
record CliRun(int code, String out, String err) {

    /** With an empty environment and no terminal. */
    static CliRun of(String... args) {
        return of(new CliEnvironment(Map.<String, String>of()::get, p -> null), args);
    }

    static CliRun of(CliEnvironment env, String... args) {
        CommandLine cl = InvoiceNodeCli.newCommandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new CliRun(cl.execute(args), out.toString(), err.toString());
    }
}
