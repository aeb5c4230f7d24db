package dev.fapiao.node.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestEncodingTest {

    private static final String EMPTY_SM3 = "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b";

    @Test
    void theCanonicalStringIsSevenLinesAsDocumented() {
        RequestEncoding e = new RequestEncoding("POST", "/v1/invoices/INV-1/transitions?wait=committed&x=%41",
                EMPTY_SM3, 1_796_000_000L, "nonce-0123456789abcdef", "ab12cd");
        String expected = "FAPIAO-REQUEST-V1\nPOST\n/v1/invoices/INV-1/transitions?wait=committed&x=%41\n" + EMPTY_SM3
                + "\n1796000000\nnonce-0123456789abcdef\nab12cd";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), e.canonical());
    }

    @Test
    void anythingThatWouldMoveALineIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RequestEncoding("POST", "/v1/x\nPOST", EMPTY_SM3, 1, "n".repeat(16), "k"));
        assertThrows(IllegalArgumentException.class,
                () -> new RequestEncoding("post", "/v1/x", EMPTY_SM3, 1, "n".repeat(16), "k"));
        assertThrows(IllegalArgumentException.class,
                () -> new RequestEncoding("POST", "/v1/x", EMPTY_SM3.toUpperCase(), 1, "n".repeat(16), "k"));
        assertThrows(IllegalArgumentException.class,
                () -> new RequestEncoding("POST", "/v1/x", EMPTY_SM3, 1, "short", "k"));
        assertThrows(IllegalArgumentException.class,
                () -> new RequestEncoding("POST", "/v1/x", EMPTY_SM3, 1, "n".repeat(16), "k\nid"));
        assertThrows(IllegalArgumentException.class,
                () -> new RequestEncoding("POST", "http://host/v1/x", EMPTY_SM3, 1, "n".repeat(16), "k"));
    }
}
