package dev.fapiao.chaincode.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.GetStateMultiple;
import org.hyperledger.fabric.protos.peer.GetStateMultipleResult;
import org.hyperledger.fabric.protos.peer.WriteBatchState;
import org.hyperledger.fabric.protos.peer.WriteRecord;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Fabric 3's batched state messages, sent over the Java shim's own chaincode stream: the peer
 * (core/chaincode/handler.go in Fabric 3.x) answers {@code GET_STATE_MULTIPLE} with a
 * {@code GetStateMultipleResult} and applies a {@code WRITE_BATCH_STATE} record by record through
 * the same path as {@code PUT_STATE}, whatever its {@code chaincode.runtimeParams} say (those are
 * only announced in the READY message, which shim 2.5 drops). The shim has no API for these
 * messages (fabric-chaincode-java#378), so the one step that is not public API, reaching the
 * stream, is isolated in {@link #of}: the stub's task and its {@code invoke(ChaincodeMessage)}
 * (send, wait for RESPONSE/ERROR), found by reflection once.
 */
final class PeerStateBatch implements StateAccess {

    /** Keys or records per message: the size the peer's default runtimeParams announce. */
    static final int CHUNK = 1000;

    private static final String STUB_CLASS = "org.hyperledger.fabric.shim.impl.InvocationStubImpl";
    private static final String TASK_CLASS = "org.hyperledger.fabric.shim.impl.ChaincodeInvocationTask";
    private static final Field HANDLER;
    private static final Method INVOKE;

    static {
        Field handler = null;
        Method invoke = null;
        try {
            handler = Class.forName(STUB_CLASS).getDeclaredField("handler");
            handler.setAccessible(true);
            invoke = Class.forName(TASK_CLASS).getDeclaredMethod("invoke", ChaincodeMessage.class);
            invoke.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            handler = null;
            invoke = null;
        }
        HANDLER = handler;
        INVOKE = invoke;
    }

    private final Function<ChaincodeMessage, ByteString> peer;
    private final String channelId;
    private final String txId;

    /** {@code peer} sends one message and returns the RESPONSE payload (throws on ERROR). */
    PeerStateBatch(Function<ChaincodeMessage, ByteString> peer, String channelId, String txId) {
        this.peer = peer;
        this.channelId = channelId;
        this.txId = txId;
    }

    /** True when this shim's stream can be reached (the shim version on the class path is the known one). */
    static boolean available() {
        return HANDLER != null && INVOKE != null;
    }

    /** Over {@code stub}'s stream, or null when {@code stub} is not the shim's own (unit tests) or unreachable. */
    static PeerStateBatch of(ChaincodeStub stub) {
        if (!available() || !stub.getClass().getName().equals(STUB_CLASS)) {
            return null;
        }
        Object task;
        try {
            task = HANDLER.get(stub);
        } catch (IllegalAccessException e) {
            return null;
        }
        return new PeerStateBatch(message -> {
            try {
                return (ByteString) INVOKE.invoke(task, message);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }, stub.getChannelId(), stub.getTxId());
    }

    @Override
    public List<byte[]> getAll(List<String> keys) {
        List<byte[]> out = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            ByteString answer = send(ChaincodeMessage.Type.GET_STATE_MULTIPLE,
                    GetStateMultiple.newBuilder().addAllKeys(chunk).build().toByteString());
            List<ByteString> values;
            try {
                values = GetStateMultipleResult.parseFrom(answer).getValuesList();
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("GET_STATE_MULTIPLE: unreadable answer: " + e.getMessage(), e);
            }
            if (values.size() != chunk.size()) {
                throw new IllegalStateException("GET_STATE_MULTIPLE: " + chunk.size() + " keys, " + values.size()
                        + " values");
            }
            values.forEach(v -> out.add(v.isEmpty() ? null : v.toByteArray()));
        }
        return out;
    }

    @Override
    public void putAll(Map<String, byte[]> writes) {
        WriteBatchState.Builder batch = WriteBatchState.newBuilder();
        for (Map.Entry<String, byte[]> w : writes.entrySet()) {
            batch.addRec(WriteRecord.newBuilder().setKey(w.getKey()).setValue(ByteString.copyFrom(w.getValue()))
                    .setType(WriteRecord.Type.PUT_STATE));
            if (batch.getRecCount() == CHUNK) {
                send(ChaincodeMessage.Type.WRITE_BATCH_STATE, batch.build().toByteString());
                batch.clearRec();
            }
        }
        if (batch.getRecCount() > 0) {
            send(ChaincodeMessage.Type.WRITE_BATCH_STATE, batch.build().toByteString());
        }
    }

    private ByteString send(ChaincodeMessage.Type type, ByteString payload) {
        return peer.apply(ChaincodeMessage.newBuilder().setType(type).setChannelId(channelId).setTxid(txId)
                .setPayload(payload).build());
    }
}
