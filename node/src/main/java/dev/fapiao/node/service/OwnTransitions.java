package dev.fapiao.node.service;

import dev.fapiao.node.model.Origin;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    public record Claim(String actor, Origin origin) { }

    private final Map<String, Claim> pending = new ConcurrentHashMap<>();

    void claim(String txId, String actor, Origin origin) {
        pending.put(txId, new Claim(actor, origin));
    }

    void release(String txId) {
        pending.remove(txId);
    }

    /** The claim of this node's request for {@code txId}, if one is waiting. */
    Optional<Claim> of(String txId) {
        return Optional.ofNullable(pending.get(txId));
    }

    int size() {
        return pending.size();
    }
}
