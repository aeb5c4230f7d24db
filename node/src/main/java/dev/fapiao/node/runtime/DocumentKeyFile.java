package dev.fapiao.node.runtime;

import dev.fapiao.node.config.ConfigException;
import dev.fapiao.node.crypto.Sm4Gcm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

/** The SM4 key for documents at rest: 32 hex characters in a file, created on first use. */
final class DocumentKeyFile {

    private DocumentKeyFile() {
    }

    static Sm4Gcm loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, HexFormat.of().formatHex(Sm4Gcm.generateKey()) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!hex.matches("[0-9a-fA-F]{32}")) {
                throw new ConfigException("archive.encryptionKeyFile: " + file + " must hold 32 hex characters");
            }
            return new Sm4Gcm(HexFormat.of().parseHex(hex));
        } catch (IOException e) {
            throw new ConfigException("archive.encryptionKeyFile: cannot read or create " + file + ": " + e.getMessage());
        }
    }
}
