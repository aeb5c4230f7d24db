package dev.fapiao.gateway;

import dev.fapiao.node.service.ActingAs;
import java.util.Set;

/**
 * Who sent a request, from the bearer token: subject, role and, for enterprises, the
 * credit codes it may act for; {@code tokenId} is the token's {@code jti} (null when it has none).
 */
record Caller(String subject, Role role, Set<String> codes, String tokenId) {

    public enum Role {
        ENTERPRISE, AUDITOR, OPERATOR;

        public String claim() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The role a token's claim names, exactly (case-sensitive), or null. */
        static Role ofClaim(Object claim) {
            for (Role r : values()) {
                if (r.claim().equals(claim)) {
                    return r;
                }
            }
            return null;
        }
    }

    /** True when the caller may read and change the invoices of {@code creditCode}. */
    public boolean actsFor(String creditCode) {
        return role != Role.ENTERPRISE || codes.contains(creditCode);
    }

    /** The ledger identity that acts for this caller: its organisation's. */
    public ActingAs actingAs() {
        return ActingAs.valueOf(role.name());
    }

    public String actor() {
        return role.claim() + ":" + subject;
    }

    public void require(Role... allowed) {
        for (Role r : allowed) {
            if (r == role) {
                return;
            }
        }
        throw ApiException.forbidden("role " + role.claim() + " may not do this");
    }
}
