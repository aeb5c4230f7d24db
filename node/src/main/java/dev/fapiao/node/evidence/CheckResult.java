package dev.fapiao.node.evidence;

/** One named verification check: passed or failed, with the reason. */
public record CheckResult(String name, boolean passed, String reason) {
    public static CheckResult pass(String name, String reason) {
        return new CheckResult(name, true, reason);
    }

    public static CheckResult fail(String name, String reason) {
        return new CheckResult(name, false, reason);
    }

    @Override
    public String toString() {
        return (passed ? "PASS " : "FAIL ") + name + ": " + reason;
    }
}
