package dev.fapiao.node.ledger;

import java.util.Iterator;

/** The chaincode's events (docs/ledger-model.md, "Events"), in block order. */
public interface LedgerEvents {

    /** Follows the events from {@code startBlock} on; blocks in {@code hasNext} until one arrives. */
    EventStream events(long startBlock);

    /** An open event stream; {@code hasNext}/{@code next} throw {@link StreamBrokenException} when it breaks. */
    interface EventStream extends Iterator<LedgerEvent>, AutoCloseable {
        @Override
        void close();
    }

    /** The event stream broke (peer gone, connection reset); open a new one to carry on. */
    final class StreamBrokenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StreamBrokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
