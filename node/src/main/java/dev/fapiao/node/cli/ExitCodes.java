package dev.fapiao.node.cli;

/** Process exit codes shared by all subcommands. */
final class ExitCodes {
    public static final int OK = 0;
    /** A check ran and failed (e.g. signature invalid). */
    public static final int INVALID = 1;
    /** Usage error or unusable input (missing file, bad PEM, bad base64). */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
