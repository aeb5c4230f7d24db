package dev.fapiao.node.it;

import dev.fapiao.node.anchor.AnchorPayload;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.seal.Seal;
import dev.fapiao.node.seal.Sealer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Fresh, unique test invoices for runs against the shared ledger. */
final class TestInvoices {

    private static final String CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private final SecureRandom random = new SecureRandom();

    /** A random credit code with a correct GB 32100-2015 check character. */
    String creditCode() {
        StringBuilder sb = new StringBuilder("91");
        sb.append(110000 + random.nextInt(600000)); // 6-digit region code
        for (int i = 0; i < 9; i++) {
            sb.append(CHARS.charAt(random.nextInt(i == 8 ? 10 : CHARS.length())));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARS.indexOf(sb.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return sb.append(CHARS.charAt(check == 31 ? 0 : check)).toString();
    }

    String number() {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    static byte[] document(String invoiceId) {
        return ("<Invoice id=\"" + invoiceId + "\"/>").getBytes(StandardCharsets.UTF_8);
    }

    static Seal seal(Sealer sealer, String invoiceId, Instant issueTime, LocalDate retainUntil) {
        byte[] doc = Sm3.hash(document(invoiceId));
        byte[] meta = Sm3.hash(("{\"id\":\"" + invoiceId + "\"}").getBytes(StandardCharsets.UTF_8));
        return sealer.seal(invoiceId, doc, meta, issueTime, retainUntil);
    }

    static String anchor(Seal seal, String kind, String reverses) {
        return AnchorPayload.of(seal, kind, reverses, List.of());
    }
}
