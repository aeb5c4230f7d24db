package dev.fapiao.node.proof;

import dev.fapiao.node.evidence.CheckResult;
import java.util.List;

/** All checks of one verification, in the order they ran. */
public record VerificationReport(List<CheckResult> checks) {
    public VerificationReport {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(CheckResult::passed);
    }

    public List<String> failed() {
        return checks.stream().filter(c -> !c.passed()).map(CheckResult::name).toList();
    }
}
