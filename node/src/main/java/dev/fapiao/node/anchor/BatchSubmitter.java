package dev.fapiao.node.anchor;

import java.util.List;
import java.util.function.Consumer;

/**
 * Submits one {@code anchorBatch} transaction and waits for its commit. Blocking: the
 * pipeline calls it on its own submission threads, several batches in flight.
 */
public interface BatchSubmitter {

    /**
     * @param onSubmitted called with the transaction id once the orderer accepted it
     * @throws ItemRejectedException the chaincode refused one item for good
     * @throws LedgerUnavailableException anything worth retrying (peer down, timeout, MVCC conflict)
     */
    LedgerBatch submit(List<AnchorItem> batch, Consumer<String> onSubmitted) throws ItemRejectedException, LedgerUnavailableException;
}
