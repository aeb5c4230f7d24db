package dev.fapiao.node.merkle;

import static dev.fapiao.node.merkle.MerkleTestData.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Golden bytes computed independently (Python struct + hashlib SM3). */
class InvoiceLeafTest {
    private static final String SM3_ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0";
    private static final String SM3_EMPTY = "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b";

    @Test
    void golden() {
        byte[] leaf = InvoiceLeaf.encode("91350100M000100Y4312345678901234567890", hex(SM3_ABC), hex(SM3_EMPTY),
                LocalDate.of(2041, 11, 23));
        String want = "46415049414f2d4c454146" // "FAPIAO-LEAF"
                + "01" // version
                + "0026" // u16 length 38
                + "39313335303130304d3030303130305934333132333435363738393031323334353637383930" // invoiceId
                + SM3_ABC // docHash
                + SM3_EMPTY // metaHash
                + "00006693"; // 2041-11-23 = day 26259
        assertEquals(want, hex(leaf));
        assertEquals(120, leaf.length);
        assertEquals("2bb7906b64c130ae7944f9a0599c1c7b123c575a830eff01acc2cf69bd1ed470",
                hex(Sm3Hasher.INSTANCE.hashLeaf(leaf)), "SM3 leaf hash");
    }

    @Test
    void goldenUtf8AndNegativeDay() {
        byte[] ff = new byte[32];
        java.util.Arrays.fill(ff, (byte) 0xff);
        byte[] leaf = InvoiceLeaf.encode("发票-1", new byte[32], ff, -1);
        assertEquals("46415049414f2d4c454146" + "01" + "0008" + "e58f91e7a5a82d31" + "00".repeat(32) + "ff".repeat(32)
                + "ffffffff", hex(leaf));
        assertEquals(hex(leaf), hex(InvoiceLeaf.encode("发票-1", new byte[32], ff, LocalDate.of(1969, 12, 31))));
    }

    @Test
    void rejectsBadFields() {
        byte[] h = new byte[32];
        assertThrows(IllegalArgumentException.class, () -> InvoiceLeaf.encode("", h, h, 0));
        assertThrows(IllegalArgumentException.class, () -> InvoiceLeaf.encode("x".repeat(65536), h, h, 0));
        assertThrows(IllegalArgumentException.class, () -> InvoiceLeaf.encode("x", new byte[31], h, 0));
        assertThrows(IllegalArgumentException.class, () -> InvoiceLeaf.encode("x", h, new byte[33], 0));
        assertThrows(NullPointerException.class, () -> InvoiceLeaf.encode(null, h, h, 0));
        assertEquals(11 + 1 + 2 + 65535 + 64 + 4, InvoiceLeaf.encode("x".repeat(65535), h, h, 0).length);
    }
}
