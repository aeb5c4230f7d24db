package dev.fapiao.node.ledger;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** An invoice's record on the ledger, its history, and its transitions. */
public interface InvoiceLedger {

    /** {@code getInvoice}; empty when the invoice is not anchored. */
    Optional<InvoiceRecord> invoice(String invoiceId) throws ChaincodeRefusedException, LedgerUnavailableException;

    /** {@code getInvoiceHistory}: every version of the record, newest first; empty when not anchored. */
    List<LedgerVersion<InvoiceRecord>> invoiceHistory(String invoiceId)
            throws ChaincodeRefusedException, LedgerUnavailableException;

    /**
     * {@code transition}, waiting for the commit; {@code onSubmitted} gets the transaction id once
     * it is sent for ordering, before the commit.
     */
    Transition.Result transition(Transition transition, Consumer<String> onSubmitted)
            throws ChaincodeRefusedException, LedgerUnavailableException;
}
