package dev.fapiao.node.anomaly;

import java.util.Objects;

/** One anomaly flagged on a submission, with a one-line detail naming the values that tripped it. */
public record Flag(AnomalyKind kind, String detail) {
    public Flag {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
