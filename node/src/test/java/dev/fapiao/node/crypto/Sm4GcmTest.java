package dev.fapiao.node.crypto;

import static dev.fapiao.node.crypto.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class Sm4GcmTest {
    @Test
    void rfc8998GcmKnownAnswer() throws Exception {
        int seen = 0;
        for (JsonNode v : TestData.smVectors().path("sm4_aead").path("vectors")) {
            if (!v.path("mode").asText().equals("GCM")) {
                continue;
            }
            seen++;
            byte[] key = hex(v.path("key"));
            byte[] nonce = hex(v.path("iv"));
            byte[] aad = hex(v.path("aad"));
            byte[] out = Sm4Gcm.encrypt(key, nonce, hex(v.path("plaintext")), aad);
            assertEquals(v.path("ciphertext").asText() + v.path("tag").asText(), hex(out));
            assertArrayEquals(hex(v.path("plaintext")), Sm4Gcm.decrypt(key, nonce, out, aad));
            out[0] ^= 1;
            assertThrows(AEADBadTagException.class, () -> Sm4Gcm.decrypt(key, nonce, out, aad));
        }
        assertEquals(1, seen);
    }

    @Test
    void gbt32907BlockKnownAnswers() {
        // SM4 itself (the engine under GCM): single block and the 1,000,000-fold example.
        for (JsonNode v : TestData.smVectors().path("sm4_block").path("vectors")) {
            SM4Engine e = new SM4Engine();
            e.init(true, new KeyParameter(hex(v.path("key"))));
            byte[] block = hex(v.path("plaintext"));
            for (int i = 0; i < v.path("iterations").asInt(); i++) {
                e.processBlock(block, 0, block, 0);
            }
            assertEquals(v.path("ciphertext").asText(), hex(block), v.path("id").asText());
        }
    }

    @Test
    void layoutAndRoundTrip() throws Exception {
        byte[] key = Sm4Gcm.generateKey();
        Sm4Gcm gcm = new Sm4Gcm(key);
        byte[] doc = "<invoice>…</invoice>".getBytes(StandardCharsets.UTF_8);
        byte[] aad = "invoice-id".getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = gcm.encrypt(doc, aad);
        assertEquals(Sm4Gcm.NONCE_LENGTH + doc.length + Sm4Gcm.TAG_LENGTH, sealed.length);
        assertArrayEquals(doc, gcm.decrypt(sealed, aad));
        // nonce || ciphertext || tag: the tail equals raw GCM under the leading nonce
        byte[] nonce = java.util.Arrays.copyOf(sealed, 12);
        assertArrayEquals(Sm4Gcm.encrypt(key, nonce, doc, aad),
                java.util.Arrays.copyOfRange(sealed, 12, sealed.length));
        assertArrayEquals(new byte[0], gcm.decrypt(gcm.encrypt(new byte[0], null), null));

        assertThrows(AEADBadTagException.class, () -> gcm.decrypt(sealed, null));
        assertThrows(AEADBadTagException.class, () -> new Sm4Gcm(Sm4Gcm.generateKey()).decrypt(sealed, aad));
        byte[] badNonce = sealed.clone();
        badNonce[0] ^= 1;
        assertThrows(AEADBadTagException.class, () -> gcm.decrypt(badNonce, aad));
        assertThrows(AEADBadTagException.class, () -> gcm.decrypt(new byte[27], aad));
        assertThrows(IllegalArgumentException.class, () -> new Sm4Gcm(new byte[32]));
    }
}
