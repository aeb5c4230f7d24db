package dev.fapiao.node.cli;

import dev.fapiao.node.crypto.CryptoFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;

/** File access with one-line, user-facing error messages. */
final class CliFiles {
    private CliFiles() {
    }

    static String readText(Path p) {
        try {
            return Files.readString(p, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw describe(p, e);
        }
    }

    /** Reads a PEM file and parses it, naming the file in any format error. */
    static <T> T readPem(Path p, Function<String, T> parser) {
        String text = readText(p);
        try {
            return parser.apply(text);
        } catch (CryptoFormatException e) {
            throw new CliException(p + ": " + e.getMessage(), e);
        }
    }

    static InputStream open(Path p) {
        try {
            if (Files.isDirectory(p)) {
                throw new CliException("is a directory: " + p);
            }
            return Files.newInputStream(p);
        } catch (IOException e) {
            throw describe(p, e);
        }
    }

    static void refuseOverwrite(Path p, boolean force) {
        if (!force && Files.exists(p)) {
            throw new CliException("refusing to overwrite " + p + " (use --force)");
        }
    }

    /** Writes text; {@code secret} files are created owner-read/write only where POSIX allows. */
    static void writeText(Path p, String text, boolean secret) {
        try {
            Files.deleteIfExists(p);
            if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(p, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw describe(p, e);
        }
    }

    static CliException describe(Path p, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new CliException("no such file: " + p, e);
        }
        if (e instanceof AccessDeniedException) {
            return new CliException("permission denied: " + p, e);
        }
        if (e instanceof FileAlreadyExistsException) {
            return new CliException("file exists: " + p, e);
        }
        return new CliException("cannot access " + p + ": " + e.getMessage(), e);
    }
}
