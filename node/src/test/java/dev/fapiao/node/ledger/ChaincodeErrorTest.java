package dev.fapiao.node.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ChaincodeErrorTest {

    @Test
    void findsCodeMessageAndItemInAPeerDetail() {
        ChaincodeError e = ChaincodeError.parse(
                "chaincode response 500, INVALID_SIGNATURE: item 17 (91350100M000100Y4300000000000000000017): signature does not verify");
        assertEquals("INVALID_SIGNATURE", e.code());
        assertEquals(17, e.item());
        assertEquals("INVALID_SIGNATURE: item 17 (91350100M000100Y4300000000000000000017): signature does not verify", e.message());
    }

    @Test
    void itemIsMinusOneWhenNotNamed() {
        ChaincodeError e = ChaincodeError.parse("chaincode response 500, ILLEGAL_TRANSITION: ACCEPT needs status DELIVERED");
        assertEquals("ILLEGAL_TRANSITION", e.code());
        assertEquals(-1, e.item());
    }

    @Test
    void otherErrorsAreNotChaincodeErrors() {
        assertNull(ChaincodeError.parse("failed to connect to all addresses"));
        assertNull(ChaincodeError.parse(null));
    }
}
