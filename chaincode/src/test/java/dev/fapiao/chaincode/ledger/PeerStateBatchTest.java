package dev.fapiao.chaincode.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.GetStateMultiple;
import org.hyperledger.fabric.protos.peer.GetStateMultipleResult;
import org.hyperledger.fabric.protos.peer.WriteBatchState;
import org.hyperledger.fabric.protos.peer.WriteRecord;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.Test;

class PeerStateBatchTest {

    /** A peer that records every message and answers GET_STATE_MULTIPLE from {@code state}. */
    private static final class FakePeer implements Function<ChaincodeMessage, ByteString> {
        final List<ChaincodeMessage> sent = new ArrayList<>();
        final Map<String, byte[]> state = new LinkedHashMap<>();
        int dropValues;

        @Override
        public ByteString apply(ChaincodeMessage m) {
            sent.add(m);
            if (m.getType() != ChaincodeMessage.Type.GET_STATE_MULTIPLE) {
                return ByteString.EMPTY;
            }
            try {
                GetStateMultipleResult.Builder r = GetStateMultipleResult.newBuilder();
                List<String> keys = GetStateMultiple.parseFrom(m.getPayload()).getKeysList();
                for (String k : keys.subList(0, keys.size() - dropValues)) {
                    r.addValues(state.containsKey(k) ? ByteString.copyFrom(state.get(k)) : ByteString.EMPTY);
                }
                return r.build().toByteString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsManyKeysInChunksOfOneMessageEach() throws Exception {
        FakePeer peer = new FakePeer();
        peer.state.put("k7", utf8("seven"));
        peer.state.put("k2400", utf8("last chunk"));
        List<String> keys = IntStream.range(0, 2500).mapToObj(i -> "k" + i).toList();

        List<byte[]> values = new PeerStateBatch(peer, "invoices", "tx1").getAll(keys);

        assertEquals(3, peer.sent.size(), "2,500 keys: 1,000 + 1,000 + 500");
        for (ChaincodeMessage m : peer.sent) {
            assertEquals(ChaincodeMessage.Type.GET_STATE_MULTIPLE, m.getType());
            assertEquals("tx1", m.getTxid());
            assertEquals("invoices", m.getChannelId());
            assertEquals("", GetStateMultiple.parseFrom(m.getPayload()).getCollection());
        }
        assertEquals(List.of(1000, 1000, 500), peer.sent.stream().map(m -> parse(m).getKeysCount()).toList());
        assertEquals("k1000", parse(peer.sent.get(1)).getKeys(0));
        assertEquals(2500, values.size());
        assertArrayEquals(utf8("seven"), values.get(7));
        assertArrayEquals(utf8("last chunk"), values.get(2400));
        assertNull(values.get(8), "an absent key (empty value) reads as null");
    }

    private static GetStateMultiple parse(ChaincodeMessage m) {
        try {
            return GetStateMultiple.parseFrom(m.getPayload());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAnswerWithTheWrongNumberOfValuesIsAnError() {
        FakePeer peer = new FakePeer();
        peer.dropValues = 1;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new PeerStateBatch(peer, "ch", "tx").getAll(List.of("a", "b")));
        assertTrue(e.getMessage().contains("2 keys, 1 values"), e.getMessage());
    }

    @Test
    void writesTheWriteSetAsPutRecordsInChunks() throws Exception {
        FakePeer peer = new FakePeer();
        Map<String, byte[]> writes = new LinkedHashMap<>();
        for (int i = 0; i < 1001; i++) {
            writes.put("w" + i, utf8("v" + i));
        }

        new PeerStateBatch(peer, "ch", "tx9").putAll(writes);

        assertEquals(2, peer.sent.size());
        WriteBatchState first = WriteBatchState.parseFrom(peer.sent.get(0).getPayload());
        WriteBatchState second = WriteBatchState.parseFrom(peer.sent.get(1).getPayload());
        assertEquals(ChaincodeMessage.Type.WRITE_BATCH_STATE, peer.sent.get(0).getType());
        assertEquals("tx9", peer.sent.get(1).getTxid());
        assertEquals(1000, first.getRecCount());
        assertEquals(1, second.getRecCount());
        WriteRecord r = first.getRec(3);
        assertEquals(WriteRecord.Type.PUT_STATE, r.getType());
        assertEquals("w3", r.getKey());
        assertEquals("v3", r.getValue().toStringUtf8());
        assertEquals("", r.getCollection());
        assertEquals("w1000", second.getRec(0).getKey());
    }

    @Test
    void theShimStreamOfThisShimVersionIsReachable() {
        // fails when a shim upgrade moves the stream: then every transaction would fall back to per-key calls
        assertTrue(PeerStateBatch.available());
    }

    @Test
    void aStubThatIsNotTheShimsOwnGetsOneCallPerKey() {
        ChaincodeStub stub = mock(ChaincodeStub.class);
        when(stub.getState("a")).thenReturn(utf8("A"));
        StateAccess access = StateAccess.of(stub, true);

        List<byte[]> values = access.getAll(List.of("a", "b"));

        assertArrayEquals(utf8("A"), values.get(0));
        assertNull(values.get(1));
        verify(stub).getState("b");
    }

    @Test
    void theLedgerSendsItsWritesOnlyOnFlushAndReadsCommittedState() {
        ChaincodeStub stub = mock(ChaincodeStub.class);
        Ledger ledger = new Ledger(stub, true);
        ledger.putIndex("idx");
        ledger.put("rec", Map.of("n", 1));
        assertNull(ledger.get("rec", Map.class), "a read sees committed state, not this transaction's write");
        verify(stub).getState("rec");
        ledger.flush();
        ledger.flush(); // nothing left: each write is sent once
        verify(stub).putState("idx", utf8("{}"));
        verify(stub).putState("rec", utf8("{\"n\":1}"));
        assertThrows(IllegalArgumentException.class, () -> ledger.put("", Map.of()));
    }

    @Test
    void aLedgerThatIsNeverFlushedWritesNothing() {
        ChaincodeStub stub = mock(ChaincodeStub.class);
        new Ledger(stub, true).put("rec", Map.of("n", 1));
        verifyNoInteractions(stub);
    }
}
