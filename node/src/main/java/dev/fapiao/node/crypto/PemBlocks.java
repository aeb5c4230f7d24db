package dev.fapiao.node.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Set;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** Reading and writing single PEM blocks (RFC 7468). */
final class PemBlocks {
    private PemBlocks() {
    }

    /** The first PEM block in the text, which must have one of the given types. */
    static PemObject read(String pem, String... types) {
        PemObject obj;
        try (PemReader r = new PemReader(new StringReader(pem))) {
            obj = r.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw new CryptoFormatException("malformed PEM: " + e.getMessage(), e);
        }
        if (obj == null) {
            throw new CryptoFormatException("no PEM block found");
        }
        if (!Set.of(types).contains(obj.getType())) {
            throw new CryptoFormatException("unexpected PEM type '" + obj.getType() + "', expected "
                    + String.join(" or ", types));
        }
        return obj;
    }

    static String write(PemObject obj) {
        StringWriter sw = new StringWriter();
        try (PemWriter w = new PemWriter(sw)) {
            w.writeObject(obj);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }
}
