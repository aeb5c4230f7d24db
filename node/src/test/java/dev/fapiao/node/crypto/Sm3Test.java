package dev.fapiao.node.crypto;

import static dev.fapiao.node.crypto.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sm3Test {
    @Test
    void gbt32905KnownAnswers() throws Exception {
        JsonNode vectors = TestData.smVectors().path("sm3");
        assertTrue(vectors.size() >= 2, "expected the GB/T 32905 examples");
        for (JsonNode v : vectors) {
            byte[] msg = hex(v.path("message_hex"));
            assertEquals(v.path("message_length_bytes").asInt(), msg.length);
            assertEquals(v.path("digest").asText(), hex(Sm3.hash(msg)), v.path("id").asText());
            assertEquals(v.path("digest").asText(), Sm3.hashHex(msg));
            assertEquals(v.path("digest").asText(), hex(Sm3.hash(new ByteArrayInputStream(msg))));
        }
    }

    @Test
    void streamEqualsArrayForMultiBufferInput() throws Exception {
        byte[] data = new byte[300_001];
        new Random(7).nextBytes(data);
        // a stream that returns short reads, to exercise the loop
        InputStream trickle = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1000));
            }
        };
        assertArrayEquals(Sm3.hash(data), Sm3.hash(trickle));
        assertArrayEquals(Sm3.hash(data, 5, 100), Sm3.hash(java.util.Arrays.copyOfRange(data, 5, 105)));
    }
}
