package dev.fapiao.node.anomaly;

/** What a flag says; {@link #flag()} is its name in records, audit entries, metrics and {@code ?flag=}. */
public enum AnomalyKind {
    /** Far more submissions in the burst window than the issuer's usual rate predicts. */
    BURST("burst"),
    /** The same document bytes already archived under another invoice id. */
    DUPLICATE_DOCUMENT("duplicate-document"),
    /** The amount is far outside the issuer's distribution (log scale). */
    AMOUNT_OUTLIER("amount-outlier"),
    /** Issued later than the arrival plus the allowed clock skew. */
    FUTURE_ISSUE_TIME("future-issue-time"),
    /** Issued longer ago than the configured age. */
    PAST_ISSUE_TIME("past-issue-time"),
    /** Red-letter reversals above the configured share of the issuer's invoices. */
    RED_LETTER_SHARE("red-letter-share");

    private final String flag;

    AnomalyKind(String flag) {
        this.flag = flag;
    }

    public String flag() {
        return flag;
    }

    /** The kind named {@code flag}, or null. */
    public static AnomalyKind ofFlag(String flag) {
        for (AnomalyKind k : values()) {
            if (k.flag.equals(flag)) {
                return k;
            }
        }
        return null;
    }
}
