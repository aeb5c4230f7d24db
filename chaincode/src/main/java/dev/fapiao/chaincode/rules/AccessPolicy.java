package dev.fapiao.chaincode.rules;

import dev.fapiao.chaincode.model.SignerKey;
import dev.fapiao.chaincode.model.SignerKind;
import dev.fapiao.chaincode.model.TransitionAction;

/**
 * Who may call what (by the creator's MSP id and OU); failures are FORBIDDEN. Every caller is a
 * channel member: Fabric refuses a creator of any other MSP before the chaincode runs.
 */
public final class AccessPolicy {

    public static final String ENTERPRISE_MSP = "EnterpriseServicesMSP";
    public static final String TAX_MSP = "TaxAuthorityMSP";

    private AccessPolicy() {
    }

    /** Any signer registry change: an operator (OU admin) of some member; what it may change is {@link #requireKeyAdmin}. */
    public static void requireAdmin(Caller caller, String function) {
        if (!caller.operator()) {
            throw ErrorCode.FORBIDDEN.error(function + " requires an admin (OU admin) identity; caller is a "
                    + caller.describe());
        }
    }

    /**
     * ENTERPRISE keys are registered by operators of EnterpriseServicesMSP; a member's NODE keys by that
     * member's operators (the key then belongs to the caller's MSP, see {@link #ownerMsp}).
     */
    public static void requireRegistrar(Caller caller, SignerKind kind, String function) {
        requireAdmin(caller, function);
        if (kind == SignerKind.ENTERPRISE && !ENTERPRISE_MSP.equals(caller.mspId())) {
            throw ErrorCode.FORBIDDEN.error(function + " of an ENTERPRISE key requires an admin (OU admin) identity of "
                    + ENTERPRISE_MSP + "; caller is a " + caller.describe());
        }
    }

    /** Rotating or revoking a registered key: an operator of the MSP that owns it. */
    public static void requireKeyAdmin(Caller caller, SignerKey key, String function) {
        requireAdmin(caller, function);
        String owner = ownerMsp(key);
        if (!owner.equals(caller.mspId())) {
            throw ErrorCode.FORBIDDEN.error(function + " of key " + key.keyId() + " requires an admin identity of "
                    + owner + ", which owns it; caller is a " + caller.describe());
        }
    }

    /**
     * A node's checkpoints and renewals, and new NODE keys for it: an identity of the MSP that owns
     * the node's NODE keys ({@code owner} null = the node has none yet, anyone may claim it).
     */
    public static void requireNodeOwner(Caller caller, String nodeId, String owner, String function) {
        if (owner != null && !owner.equals(caller.mspId())) {
            throw ErrorCode.FORBIDDEN.error(function + " for node " + nodeId + " requires an identity of " + owner
                    + ", which owns its NODE keys; caller is of " + caller.mspId());
        }
    }

    /** The MSP a key belongs to; a record written before keys carried one is EnterpriseServicesMSP's. */
    public static String ownerMsp(SignerKey key) {
        return key.mspId() == null ? ENTERPRISE_MSP : key.mspId();
    }

    /** Anchoring invoices: any identity of EnterpriseServicesMSP. */
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
