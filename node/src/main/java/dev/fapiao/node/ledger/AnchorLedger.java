package dev.fapiao.node.ledger;

import java.util.List;
import java.util.function.Consumer;

/** Anchoring invoices: one {@code anchorBatch} transaction per batch. Blocking; thread-safe. */
public interface AnchorLedger {

    /**
     * Endorses, orders and waits for the commit of one batch of {@code Anchor} JSON objects (in order).
     *
     * @param onSubmitted called with the transaction id once the orderer accepted it
     * @throws ChaincodeRefusedException the chaincode refused the batch; {@code item()} names the item
     *         when one item is at fault
     * @throws LedgerUnavailableException anything worth retrying (peer down, timeout, MVCC conflict)
     */
    LedgerBatch anchorBatch(List<String> anchors, Consumer<String> onSubmitted)
            throws ChaincodeRefusedException, LedgerUnavailableException;
}
