package dev.fapiao.node.seal;

import dev.fapiao.node.crypto.Sm2Signer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * What a signed API request's SM2 signature covers (docs/gateway.md, "Signed requests"), version 1:
 * seven lines joined by LF, no trailing LF, UTF-8 —
 * <pre>
 * FAPIAO-REQUEST-V1
 * METHOD                (upper case, as sent)
 * /path?raw-query       (the request target exactly as in the request line; "?" only with a query)
 * sm3-of-body           (64 lowercase hex digits; an empty body hashes the empty string)
 * timestamp             (Unix time in seconds, decimal)
 * nonce                 (16..64 of A-Z a-z 0-9 _ -)
 * key-id
 * </pre>
 * The one definition, used by the gateway's check and by {@code invoice-node sign-request}.
 */
public record RequestEncoding(String method, String target, String bodySm3, long timestamp, String nonce,
                              String keyId) {

    public static final String VERSION = "FAPIAO-REQUEST-V1";
    public static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    public static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    public static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** Refuses what cannot be encoded unambiguously (a line break anywhere would move the lines). */
    public RequestEncoding {
        require(method != null && METHOD.matcher(method).matches(), "method must be upper-case letters");
        require(target != null && target.startsWith("/") && target.chars().allMatch(c -> c > 0x20 && c < 0x7f),
                "target must be an origin-form request target (printable ASCII, starting with /)");
        require(bodySm3 != null && HEX64.matcher(bodySm3).matches(), "body hash must be 64 lowercase hex digits");
        require(timestamp >= 0, "timestamp must not be negative");
        require(nonce != null && NONCE.matcher(nonce).matches(), "nonce must be 16..64 of A-Z a-z 0-9 _ -");
        require(keyId != null && KEY_ID.matcher(keyId).matches(), "key id must be 1..128 of A-Z a-z 0-9 . _ : -");
    }

    /** The bytes the signature is over. */
    public byte[] canonical() {
        return String.join("\n", VERSION, method, target, bodySm3, Long.toString(timestamp), nonce, keyId)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code Fapiao-Signature} value: base64 of the DER SM2 signature (SM3, the signer's user ID). */
    public String sign(Sm2Signer signer) {
        return Base64.getEncoder().encodeToString(signer.sign(canonical()));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
