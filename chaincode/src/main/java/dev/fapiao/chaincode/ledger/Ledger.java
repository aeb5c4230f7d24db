package dev.fapiao.chaincode.ledger;

import dev.fapiao.chaincode.model.HistoryEntry;
import dev.fapiao.chaincode.rules.Times;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * Typed access to the world state of one transaction, and its single event. Writes are collected
 * and sent by {@link #flush()} once the transaction's logic has succeeded (a refused transaction
 * sends none); as in Fabric, a read returns the committed value, never this transaction's own write.
 */
public final class Ledger {

    private static final byte[] INDEX_VALUE = "{}".getBytes(StandardCharsets.UTF_8);

    private final ChaincodeStub stub;
    private final StateAccess state;
    private final Map<String, byte[]> writes = new LinkedHashMap<>();
    private boolean eventSet;

    /** One GET_STATE / PUT_STATE per key (the shim's API). */
    public Ledger(ChaincodeStub stub) {
        this(stub, false);
    }

    /** {@code batched}: multi-key reads and the write set in WRITE_BATCH_STATE messages, where the stub allows. */
    public Ledger(ChaincodeStub stub, boolean batched) {
        this.stub = stub;
        this.state = StateAccess.of(stub, batched);
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
        return value(stub.getState(key), type);
    }

    /** The committed values of {@code keys} (distinct), in one round trip per chunk; absent keys map to null. */
    public <T> Map<String, T> getAll(Collection<String> keys, Class<T> type) {
        List<String> list = List.copyOf(new LinkedHashSet<>(keys));
        List<byte[]> values = state.getAll(list);
        Map<String, T> out = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            out.put(list.get(i), value(values.get(i), type));
        }
        return out;
    }

    private static <T> T value(byte[] value, Class<T> type) {
        return value == null || value.length == 0 ? null : Json.state(value, type);
    }

    public void put(String key, Object value) {
        write(key, Json.bytes(value));
    }

    public void putIndex(String key) {
        write(key, INDEX_VALUE);
    }

    private void write(String key, byte[] value) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("empty state key");
        }
        writes.put(key, value);
    }

    /** Sends the collected writes (call once the transaction's logic has succeeded). */
    public void flush() {
        if (!writes.isEmpty()) {
            state.putAll(writes);
            writes.clear();
        }
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
