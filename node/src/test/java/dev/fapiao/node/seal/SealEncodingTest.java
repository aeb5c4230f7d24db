package dev.fapiao.node.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Golden bytes computed independently (Python struct) from docs/ledger-model.md. */
class SealEncodingTest {
    static final HexFormat HEX = HexFormat.of();
    static final String INVOICE_ID = "91350100M000100Y4312345678901234567890";
    static final byte[] DOC_HASH = HEX.parseHex("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    static final byte[] META_HASH = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            META_HASH[i] = (byte) i;
        }
    }

    static final String GOLDEN = "46415049414f2d5345414c01" // "FAPIAO-SEAL" 0x01
            + "0026" + "39313335303130304d3030303130305934333132333435363738393031323334353637383930" // u16 38 + id
            + "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0" // docHash
            + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" // metaHash
            + "000001a2076b447b" // 1795420800123 ms = 2026-11-23T08:00:00.123Z
            + "00006693"; // 26259 days = 2041-11-23

    @Test
    void goldenBytes() {
        byte[] enc = SealEncoding.encode(INVOICE_ID, DOC_HASH, META_HASH,
                Instant.parse("2026-11-23T08:00:00.123Z"), LocalDate.parse("2041-11-23"));
        assertEquals(128, enc.length);
        assertEquals(GOLDEN, HEX.formatHex(enc));
    }

    @Test
    void utf8IdAndNegativeTimes() {
        byte[] ff = new byte[32];
        Arrays.fill(ff, (byte) 0xff);
        byte[] enc = SealEncoding.encode("发票-1", new byte[32], ff, Instant.ofEpochMilli(-1000),
                LocalDate.parse("1969-12-31"));
        assertEquals("46415049414f2d5345414c01" + "0008e58f91e7a5a82d31"
                + "00".repeat(32) + "ff".repeat(32) + "fffffffffffffc18" + "ffffffff", HEX.formatHex(enc));
    }

    @Test
    void rejectsWhatCannotBeEncodedFaithfully() {
        Instant t = Instant.parse("2026-11-23T08:00:00Z");
        LocalDate d = LocalDate.parse("2041-11-23");
        assertThrows(IllegalArgumentException.class, () -> SealEncoding.encode(INVOICE_ID, new byte[31], META_HASH, t, d));
        assertThrows(IllegalArgumentException.class, () -> SealEncoding.encode(INVOICE_ID, DOC_HASH, new byte[33], t, d));
        assertThrows(IllegalArgumentException.class, () -> SealEncoding.encode("", DOC_HASH, META_HASH, t, d));
        assertThrows(IllegalArgumentException.class, () -> SealEncoding.encode(INVOICE_ID, DOC_HASH, META_HASH,
                t.plusNanos(1000), d));
        assertThrows(IllegalArgumentException.class, () -> SealEncoding.encode("x".repeat(65536), DOC_HASH,
                META_HASH, t, d));
        assertThrows(IllegalArgumentException.class, () -> SealEncoding.encode(INVOICE_ID, DOC_HASH, META_HASH, t,
                LocalDate.of(7_000_000, 1, 1)));
        assertEquals(65535 + 2 + 11 + 1 + 64 + 12,
                SealEncoding.encode("x".repeat(65535), DOC_HASH, META_HASH, t, d).length);
    }

    @Test
    void defaultRetainUntilUsesChinaStandardTimeDate() {
        // 2026-11-22T16:30Z is already 2026-11-23 00:30 in CST
        assertEquals(LocalDate.parse("2041-11-23"), SealEncoding.defaultRetainUntil(Instant.parse("2026-11-22T16:30:00Z")));
        assertEquals(LocalDate.parse("2041-11-22"), SealEncoding.defaultRetainUntil(Instant.parse("2026-11-22T15:59:59Z")));
    }

    @Test
    void checkpointGoldenBytes() {
        byte[] enc = CheckpointEncoding.encode("node-1", 1_234_567L, DOC_HASH);
        assertEquals("46415049414f2d434845434b504f494e5401" + "00066e6f64652d31" + "000000000012d687"
                + "0020" + "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", HEX.formatHex(enc));
        assertThrows(IllegalArgumentException.class, () -> CheckpointEncoding.encode("node-1", -1, DOC_HASH));
        assertThrows(IllegalArgumentException.class, () -> CheckpointEncoding.encode("", 1, DOC_HASH));
        assertEquals(17 + 1 + 2 + 6 + 8 + 2, CheckpointEncoding.encode("node-1", 0, new byte[0]).length);
    }
}
