package dev.fapiao.node.model;

/**
 * An invoice's lifecycle status as the archive stores it (docs/ledger-model.md). Each
 * constant has a stable one-byte {@link #code()} used in the {@code by_status} index keys;
 * never renumber.
 */
public enum InvoiceStatus {
    ISSUED(1),
    DELIVERED(2),
    ACCEPTED(3),
    RED_REVERSED(4),
    DISPOSED(5);

    private final int code;

    InvoiceStatus(int code) {
        this.code = code;
    }

    /** The stable index code (1..255). */
    public int code() {
        return code;
    }

    static InvoiceStatus fromCode(int code) {
        for (InvoiceStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status code " + code);
    }
}
