package dev.fapiao.node.merkle;

import static dev.fapiao.node.merkle.MerkleTestData.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden values computed independently (Python hashlib / OpenSSL SM3, SHA-256 and SHA3-256). */
class HasherTest {
    private static final List<String> REFERENCE_INPUTS = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    @Test
    void sha256() {
        HashStrategy h = Sha256Hasher.INSTANCE;
        assertEquals(32, h.size());
        assertEquals("SHA-256", h.name());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(h.emptyRoot()));
        // RFC 6962 leaf hash of the empty leaf: SHA-256(0x00)
        assertEquals("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", hex(h.hashLeaf(new byte[0])));
    }

    @Test
    void sm3() {
        HashStrategy h = Sm3Hasher.INSTANCE;
        assertEquals(32, h.size());
        assertEquals("SM3", h.name());
        assertEquals("1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b", hex(h.emptyRoot()));
        List<byte[]> data = new ArrayList<>();
        REFERENCE_INPUTS.forEach(s -> data.add(hex(s)));
        List<byte[]> leaves = MerkleTree.leafHashes(h, data);
        String[] roots = {
            "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b",
            "2daef60e7a0b8f5e024c81cd2ab3109f2b4f155cf83adeb2ae5532f74a157fdf",
            "0b990fe0c7ad70f1bf1a1262f2c7908ea48146b14253a6db99f2917ab1f5cc4d",
            "209ec96a210d662a964772680e8544d18cab7b88ffec3e00962220349b56ea56",
            "28e4e307ef6d2d0c62d84b11ef96e835efe490f35b93c8f024ecfe38c8dd4377",
            "bb10c996aeebbcdc69be3715fc847344de77442d37a5ab8213da9f41785b103b",
            "8723c1ab1f82ddfba4a3733ac0c80d936d9f4c208c7dbc8cc81ca9fff8584f66",
            "bd36c22a1ac6ff4308e0c3cc1a85bf0ffa30538ec60a55c70413ab15d45db4d2",
            "bc48ba7a709184b5f2a631e1adeb8dc2a0d4c018c1d6cc89b5664fe154c93b38",
        };
        for (int n = 0; n <= 8; n++) {
            assertEquals(roots[n], hex(MerkleTree.rootHash(h, leaves, n)), "SM3 root of the reference tree, size " + n);
        }
    }

    @Test
    void sha3_256() {
        HashStrategy h = Sha3_256Hasher.INSTANCE;
        assertEquals(32, h.size());
        assertEquals("SHA3-256", h.name());
        // FIPS 202 SHA3-256("")
        assertEquals("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a", hex(h.emptyRoot()));
        assertEquals("5d53469f20fef4f8eab52b88044ede69c77a6a68a60728609fc4a65ff531e7d0", hex(h.hashLeaf(new byte[0])));
        List<byte[]> data = new ArrayList<>();
        REFERENCE_INPUTS.forEach(s -> data.add(hex(s)));
        List<byte[]> leaves = MerkleTree.leafHashes(h, data);
        String[] roots = {
            "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a",
            "5d53469f20fef4f8eab52b88044ede69c77a6a68a60728609fc4a65ff531e7d0",
            "00aa2729e7518d75a0bddbc27a81792cba8eef7d1f4776db825ac648d53ff899",
            "1fb033ea975c1b122f83bab69ac3d599e22022483e6d59d8483664f4468a12e7",
            "989723635d78295ffead0c3d2cdc1124d7005a02f1fcb5e0738d27dd121dda7b",
            "b68ad310ac9dac7dbb4eed8f461feef36a300d5b8c069b9a147d7fb42e119371",
            "b41b1d6937a1dc9a427a59f86a243017ca22ca52e617319a22d333d668086457",
            "16e8656d265de9fb0275341f3813e0851caecd33653df1597f0cd39ce40a4564",
            "da799b626ea73f9f5e404ef56ddac189d7f8a4c00b5c317b6ed69463a441ae3f",
        };
        for (int n = 0; n <= 8; n++) {
            assertEquals(roots[n], hex(MerkleTree.rootHash(h, leaves, n)),
                    "SHA3-256 root of the reference tree, size " + n);
        }
    }

    @Test
    void prefixesSeparateLeavesFromNodes() {
        for (HashStrategy h : List.of(Sha256Hasher.INSTANCE, Sm3Hasher.INSTANCE, Sha3_256Hasher.INSTANCE)) {
            byte[] a = "left-half-of-a-node-32-bytes!!!!".getBytes(StandardCharsets.US_ASCII);
            byte[] b = "right-half-of-a-node-32-bytes!!!".getBytes(StandardCharsets.US_ASCII);
            byte[] concat = new byte[64];
            System.arraycopy(a, 0, concat, 0, 32);
            System.arraycopy(b, 0, concat, 32, 32);
            // a leaf whose data is l || r must not hash like the node (l, r)
            org.junit.jupiter.api.Assertions.assertFalse(
                    java.util.Arrays.equals(h.hashLeaf(concat), h.hashChildren(a, b)), h.name());
        }
    }
}
