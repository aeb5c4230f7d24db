package dev.fapiao.node.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;

/** The block encodings {@link FabricEvidence} recomputes, against a recorded bundle's block. */
class FabricEvidenceTest {

    @Test
    void headerBytesAreFabricsAsn1Encoding() throws Exception {
        String bundle;
        try (InputStream in = FabricEvidenceTest.class.getResourceAsStream("/proof/bundle.json")) {
            bundle = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ObjectNode t = (ObjectNode) new ObjectMapper().readTree(bundle);
        Block block = Block.parseFrom(Base64.getDecoder().decode(t.at("/anchoring/block").asText()));
        byte[] der = FabricEvidence.headerBytes(block.getHeader());
        assertEquals(0x30, der[0] & 0xff);
        assertEquals(HexFormat.of().formatHex(FabricEvidence.dataHash(block)),
                HexFormat.of().formatHex(block.getHeader().getDataHash().toByteArray()));
        assertEquals("\u0000invoice\u0000X\u0000", FabricEvidence.compositeKey("invoice", "X"));
    }
}
