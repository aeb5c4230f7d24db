package dev.fapiao.chaincode;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The shim's Netty TLS server reads an unencrypted PKCS#8 PEM ({@code PRIVATE KEY}), which is what
 * cryptogen writes. A SEC1 {@code EC PRIVATE KEY} (openssl ecparam) is converted to PKCS#8 in a
 * private temporary file.
 */
final class TlsKeyFile {

    private TlsKeyFile() {
    }

    /** A path to a PKCS#8 PEM of the key in {@code keyFile}: the file itself, or a converted copy. */
    static Path pkcs8(Path keyFile) throws IOException {
        Object parsed;
        try (Reader r = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            parsed = parser.readObject();
        }
        if (parsed instanceof PrivateKeyInfo) {
            return keyFile;
        }
        if (parsed instanceof PEMKeyPair pair) {
            return write(pair.getPrivateKeyInfo());
        }
        throw new IOException("TLS key " + keyFile + " is not an unencrypted PEM private key (PKCS#8 or SEC1 EC), found "
                + (parsed == null ? "nothing" : parsed.getClass().getSimpleName()));
    }

    private static Path write(PrivateKeyInfo key) throws IOException {
        Path out;
        try {
            out = Files.createTempFile("fapiao-tls", ".key",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            out = Files.createTempFile("fapiao-tls", ".key");
        }
        out.toFile().deleteOnExit();
        StringWriter pem = new StringWriter();
        try (PemWriter w = new PemWriter(pem)) {
            w.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
        }
        Files.writeString(out, pem.toString(), StandardCharsets.US_ASCII);
        return out;
    }
}
