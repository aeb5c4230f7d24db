package dev.fapiao.node.replication;

import java.io.IOException;
import java.util.Optional;

/** Another organisation's archive node, as the replicator asks it for copies. */
public interface DocumentSource {

    /** Where it is (its URL), for logs and counts. */
    String name();

    /**
     * The node's copy of {@code invoiceId}; empty when it holds none.
     *
     * @throws IOException when it cannot be reached or answers with an error or a malformed body
     */
    Optional<Replica> fetch(String invoiceId) throws IOException;
}
