package dev.fapiao.chaincode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * An in-memory world state behaving like a Fabric peer for one transaction at a time: reads see
 * committed state only (no read-your-writes), writes and the event are kept until {@link #commit()}
 * (or dropped by {@link #rollback()}), the history records every committed write, range queries
 * are in key order, a non-empty pagination bookmark is the start key, the shim refuses composite
 * keys in plain range queries, and only one event per transaction is kept.
 */
final class FakeStub implements ChaincodeStub {

    private static final String MAX_UNICODE_RUNE = "\udbff\udfff";

    record Event(String txId, String name, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private record Mod(String txId, Instant timestamp, byte[] value) {
    }

    private final NavigableMap<String, byte[]> state = new TreeMap<>();
    private final Map<String, List<Mod>> history = new HashMap<>();
    private final Map<String, byte[]> pending = new LinkedHashMap<>();
    final List<Event> events = new ArrayList<>();
    private Event pendingEvent;
    private int setEventCalls;
    private String txId = "tx0";
    private Instant timestamp = Instant.parse("2026-11-23T08:00:00Z");
    private String function = "";

    void begin(String id, Instant time, String fn) {
        pending.clear();
        pendingEvent = null;
        setEventCalls = 0;
        txId = id;
        timestamp = time;
        function = fn;
    }

    void commit() {
        for (Map.Entry<String, byte[]> w : pending.entrySet()) {
            state.put(w.getKey(), w.getValue());
            history.computeIfAbsent(w.getKey(), k -> new ArrayList<>()).add(new Mod(txId, timestamp, w.getValue()));
        }
        if (pendingEvent != null) {
            events.add(pendingEvent);
        }
        pending.clear();
        pendingEvent = null;
    }

    void rollback() {
        pending.clear();
        pendingEvent = null;
    }

    int pendingWrites() {
        return pending.size();
    }

    int setEventCalls() {
        return setEventCalls;
    }

    Map<String, byte[]> committedState() {
        return Collections.unmodifiableMap(state);
    }

    @Override
    public byte[] getState(String key) {
        return state.get(key);
    }

    @Override
    public void putState(String key, byte[] value) {
        if (key == null || key.isEmpty() || value == null) {
            throw new IllegalArgumentException("bad putState");
        }
        pending.put(key, value.clone());
    }

    @Override
    public void delState(String key) {
        throw new UnsupportedOperationException("the contract never deletes");
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        setEventCalls++;
        pendingEvent = new Event(txId, name, payload.clone());
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public Instant getTxTimestamp() {
        return timestamp;
    }

    @Override
    public String getFunction() {
        return function;
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        CompositeKey.validateSimpleKeys(startKey, endKey);
        return iterator(range(startKey, endKey, Integer.MAX_VALUE));
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(String startKey, String endKey,
            int pageSize, String bookmark) {
        CompositeKey.validateSimpleKeys(startKey, endKey);
        return paged(startKey, endKey, pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        return getStateByPartialCompositeKey(CompositeKey.parseCompositeKey(compositeKey));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey key) {
        return iterator(range(key.toString(), key + MAX_UNICODE_RUNE, Integer.MAX_VALUE));
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(CompositeKey key,
            int pageSize, String bookmark) {
        return paged(key.toString(), key + MAX_UNICODE_RUNE, pageSize, bookmark);
    }

    private QueryResultsIteratorWithMetadata<KeyValue> paged(String start, String end, int pageSize,
            String bookmark) {
        String from = bookmark == null || bookmark.isEmpty() ? start : bookmark;
        List<KeyValue> page = range(from, end, pageSize + 1);
        String next = "";
        if (page.size() > pageSize) {
            next = page.remove(pageSize).getKey();
        }
        QueryResponseMetadata metadata = QueryResponseMetadata.newBuilder()
                .setBookmark(next).setFetchedRecordsCount(page.size()).build();
        List<KeyValue> result = page;
        return new QueryResultsIteratorWithMetadata<>() {
            @Override
            public QueryResponseMetadata getMetadata() {
                return metadata;
            }

            @Override
            public void close() {
            }

            @Override
            public Iterator<KeyValue> iterator() {
                return result.iterator();
            }
        };
    }

    private List<KeyValue> range(String start, String end, int limit) {
        List<KeyValue> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : state.subMap(start, true, end, false).entrySet()) {
            if (out.size() >= limit) {
                break;
            }
            String k = e.getKey();
            byte[] v = e.getValue();
            out.add(new KeyValue() {
                @Override
                public String getKey() {
                    return k;
                }

                @Override
                public byte[] getValue() {
                    return v.clone();
                }

                @Override
                public String getStringValue() {
                    return new String(v, StandardCharsets.UTF_8);
                }
            });
        }
        return out;
    }

    private static <T> QueryResultsIterator<T> iterator(List<T> items) {
        return new QueryResultsIterator<>() {
            @Override
            public void close() {
            }

            @Override
            public Iterator<T> iterator() {
                return items.iterator();
            }
        };
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        List<Mod> mods = new ArrayList<>(history.getOrDefault(key, List.of()));
        Collections.reverse(mods);
        List<KeyModification> out = new ArrayList<>();
        for (Mod m : mods) {
            out.add(new KeyModification() {
                @Override
                public String getTxId() {
                    return m.txId();
                }

                @Override
                public byte[] getValue() {
                    return m.value().clone();
                }

                @Override
                public String getStringValue() {
                    return new String(m.value(), StandardCharsets.UTF_8);
                }

                @Override
                public Instant getTimestamp() {
                    return m.timestamp();
                }

                @Override
                public boolean isDeleted() {
                    return false;
                }
            });
        }
        return iterator(out);
    }

    @Override
    public CompositeKey createCompositeKey(String objectType, String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    // --- not used by the contract ---

    @Override
    public List<byte[]> getArgs() {
        return List.of();
    }

    @Override
    public List<String> getStringArgs() {
        return List.of();
    }

    @Override
    public List<String> getParameters() {
        return List.of();
    }

    @Override
    public String getChannelId() {
        return "invoices";
    }

    @Override
    public Chaincode.Response invokeChaincode(String name, List<byte[]> args, String channel) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(String query, int pageSize,
            String bookmark) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] getPrivateData(String collection, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delPrivateData(String collection, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, CompositeKey key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String objectType,
            String... attributes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ChaincodeEvent getEvent() {
        throw new UnsupportedOperationException();
    }

    @Override
    public SignedProposal getSignedProposal() {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] getCreator() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return Map.of();
    }

    @Override
    public byte[] getBinding() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getMspId() {
        return "EnterpriseServicesMSP";
    }
}
