package dev.fapiao.chaincode.rules;

import dev.fapiao.chaincode.model.TransitionAction;

/** Who may call what (by the creator's MSP id and OU); failures are FORBIDDEN. */
public final class AccessPolicy {

    public static final String ENTERPRISE_MSP = "EnterpriseServicesMSP";
    public static final String TAX_MSP = "TaxAuthorityMSP";

    private AccessPolicy() {
    }

    /** Signer registry changes: operators (OU admin) of EnterpriseServicesMSP. */
    public static void requireOperator(Caller caller, String function) {
        if (!ENTERPRISE_MSP.equals(caller.mspId()) || !caller.operator()) {
            throw ErrorCode.FORBIDDEN.error(function + " requires an admin (OU admin) identity of " + ENTERPRISE_MSP
                    + "; caller is a " + caller.describe());
        }
    }

    /** Anchoring invoices and checkpoints: any identity of EnterpriseServicesMSP. */
    public static void requireEnterprise(Caller caller, String function) {
        if (!ENTERPRISE_MSP.equals(caller.mspId())) {
            throw ErrorCode.FORBIDDEN.error(function + " requires an identity of " + ENTERPRISE_MSP
                    + "; caller is of " + caller.mspId());
        }
    }

    /** Legal holds: TaxAuthorityMSP only; every other action: EnterpriseServicesMSP only. */
    public static void requireTransition(Caller caller, TransitionAction action) {
        String required = isLegalHold(action) ? TAX_MSP : ENTERPRISE_MSP;
        if (!required.equals(caller.mspId())) {
            throw ErrorCode.FORBIDDEN.error("transition " + action + " requires an identity of " + required
                    + "; caller is of " + caller.mspId());
        }
    }

    static boolean isLegalHold(TransitionAction action) {
        return action == TransitionAction.LEGAL_HOLD_ON || action == TransitionAction.LEGAL_HOLD_OFF;
    }
}
