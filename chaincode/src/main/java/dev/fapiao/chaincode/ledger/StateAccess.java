package dev.fapiao.chaincode.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * How a transaction's state reads and writes reach the peer. {@link #perKey} is the shim's API:
 * one GET_STATE / PUT_STATE round trip per key. {@link PeerStateBatch} sends Fabric 3's
 * GET_STATE_MULTIPLE and WRITE_BATCH_STATE messages over the shim's stream: one round trip per
 * chunk of keys (docs/decisions.md, "Chaincode state round trips").
 */
interface StateAccess {

    /** The values of {@code keys}, in order; null (or empty) where a key has no value. */
    List<byte[]> getAll(List<String> keys);

    /** Writes every entry (the transaction's write set; insertion order kept). */
    void putAll(Map<String, byte[]> writes);

    /** Peer batching when the shim's stream is reachable and {@code enabled}; otherwise one call per key. */
    static StateAccess of(ChaincodeStub stub, boolean enabled) {
        if (enabled) {
            PeerStateBatch batch = PeerStateBatch.of(stub);
            if (batch != null) {
                return batch;
            }
        }
        return perKey(stub);
    }

    static StateAccess perKey(ChaincodeStub stub) {
        return new StateAccess() {
            @Override
            public List<byte[]> getAll(List<String> keys) {
                List<byte[]> out = new ArrayList<>(keys.size());
                keys.forEach(k -> out.add(stub.getState(k)));
                return out;
            }

            @Override
            public void putAll(Map<String, byte[]> writes) {
                writes.forEach(stub::putState);
            }
        };
    }
}
