package dev.fapiao.node.service;

import dev.fapiao.node.model.Origin;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The transitions this node has submitted and whose request is still waiting for the commit, by
 * ledger transaction id. The request path and the ledger sync both apply a committed transition
 * to the archive, whichever comes first; with this the sync writes the request's actor and
 * {@link Origin} into the audit entry too, so one request id ties the HTTP request, the archive
 * write and the ledger transaction whichever path wins. Only requests in flight are held: each
 * is released when its request ends.
 */
public final class OwnTransitions {

    /** Who asked for a transition: the audit entry's actor and the request's origin. */
    record Claim(String actor, Origin origin) { }

    /**
     * One request's claim: given the tx id when the transaction goes to ordering (as the ledger's
     * {@code onSubmitted}), released when closed, whether or not the transaction was sent.
     */
    final class Pending implements Consumer<String>, AutoCloseable {
        private final Claim claim;
        private volatile String txId;

        private Pending(Claim claim) {
            this.claim = claim;
        }

        @Override
        public void accept(String submittedTxId) {
            txId = submittedTxId;
            pending.put(submittedTxId, claim);
        }

        @Override
        public void close() {
            String id = txId;
            if (id != null) {
                pending.remove(id);
            }
        }
    }

    private final Map<String, Claim> pending = new ConcurrentHashMap<>();

    /** A claim for a request by {@code actor}; use it in try-with-resources around the ledger call. */
    Pending pending(String actor, Origin origin) {
        return new Pending(new Claim(actor, origin));
    }

    /** The claim of this node's request for {@code txId}, if one is waiting. */
    Optional<Claim> of(String txId) {
        return Optional.ofNullable(pending.get(txId));
    }

    int size() {
        return pending.size();
    }
}
