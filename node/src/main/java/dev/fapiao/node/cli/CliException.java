package dev.fapiao.node.cli;

/** A user-facing failure (bad argument, missing or unreadable file): one line on stderr, exit 2. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
