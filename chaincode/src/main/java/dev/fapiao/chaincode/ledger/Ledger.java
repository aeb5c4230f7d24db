package dev.fapiao.chaincode.ledger;

import dev.fapiao.chaincode.model.HistoryEntry;
import dev.fapiao.chaincode.rules.Times;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/** Typed access to the world state of one transaction, and its single event. */
public final class Ledger {

    private static final byte[] INDEX_VALUE = "{}".getBytes(StandardCharsets.UTF_8);

    private final ChaincodeStub stub;
    private boolean eventSet;

    public Ledger(ChaincodeStub stub) {
        this.stub = stub;
    }

    public String txId() {
        return stub.getTxId();
    }

    /** The transaction timestamp, truncated to milliseconds. */
    public Instant txTime() {
        Instant t = stub.getTxTimestamp();
        if (t == null) {
            throw new IllegalStateException("no transaction timestamp");
        }
        return Times.txInstant(t);
    }

    public <T> T get(String key, Class<T> type) {
        byte[] value = stub.getState(key);
        return value == null || value.length == 0 ? null : Json.state(value, type);
    }

    public void put(String key, Object value) {
        stub.putState(key, Json.bytes(value));
    }

    public void putIndex(String key) {
        stub.putState(key, INDEX_VALUE);
    }

    /** Keys of all entries under a partial composite key, in key order. */
    public List<CompositeKey> keysUnder(String objectType, String... attributes) {
        List<CompositeKey> keys = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> it = stub.getStateByPartialCompositeKey(
                new CompositeKey(objectType, attributes))) {
            for (KeyValue kv : it) {
                keys.add(CompositeKey.parseCompositeKey(kv.getKey()));
            }
        } catch (Exception e) {
            throw rethrow(e);
        }
        return keys;
    }

    /** A key's history, newest first as the peer returns it. */
    public List<HistoryEntry> history(String key) {
        List<HistoryEntry> entries = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> it = stub.getHistoryForKey(key)) {
            for (KeyModification m : it) {
                entries.add(new HistoryEntry(m.getTxId(), Times.format(m.getTimestamp()), m.isDeleted(),
                        m.isDeleted() ? null : Json.tree(m.getValue())));
            }
        } catch (Exception e) {
            throw rethrow(e);
        }
        return entries;
    }

    /** Sets the transaction's one event; a second call is a programming error. */
    public void emit(String name, Object payload) {
        if (eventSet) {
            throw new IllegalStateException("a transaction emits exactly one event");
        }
        eventSet = true;
        stub.setEvent(name, Json.bytes(payload));
    }

    public ChaincodeStub stub() {
        return stub;
    }

    static RuntimeException rethrow(Exception e) {
        return e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
    }
}
