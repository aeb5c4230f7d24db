package dev.fapiao.node.runtime;

import dev.fapiao.node.crypto.CryptoProviders;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm2Pem;
import dev.fapiao.node.crypto.Sm2PrivateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's SM2 sealing key: a PKCS#8 PEM file (optionally encrypted). A development
 * node without one generates it on first start, readable by its owner only.
 */
final class SealKeyFile {

    private static final Logger log = LoggerFactory.getLogger(SealKeyFile.class);

    private SealKeyFile() {
    }

    static Sm2PrivateKey loadOrCreate(Path file, String password) throws IOException {
        char[] pw = password == null || password.isEmpty() ? null : password.toCharArray();
        Sm2Pem pem = new Sm2Pem(CryptoProviders.newBouncyCastle());
        if (Files.exists(file)) {
            return pem.readPrivateKey(Files.readString(file, StandardCharsets.US_ASCII), pw);
        }
        Sm2PrivateKey key = Sm2KeyPair.generate().privateKey();
        String text = pw == null ? key.toPem() : pem.writeEncryptedPrivateKey(key, pw);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        log.info("generated a new SM2 seal key {} (key id {})", file, key.keyId());
        return key;
    }

}
