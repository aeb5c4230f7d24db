package dev.fapiao.chaincode.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fapiao.chaincode.model.TransitionAction;
import org.junit.jupiter.api.Test;

/** Who may do what: the access matrix of the spec. */
class AccessPolicyTest {

    static final Caller ES_ADMIN = new Caller("EnterpriseServicesMSP", "CN=Admin", true);
    static final Caller ES_CLIENT = new Caller("EnterpriseServicesMSP", "CN=User1", false);
    static final Caller TAX_ADMIN = new Caller("TaxAuthorityMSP", "CN=Admin", true);
    static final Caller TAX_CLIENT = new Caller("TaxAuthorityMSP", "CN=User1", false);
    static final Caller OTHER = new Caller("OtherMSP", "CN=Admin", true);
    static final Caller[] ALL = {ES_ADMIN, ES_CLIENT, TAX_ADMIN, TAX_CLIENT, OTHER};

    static boolean allowed(Runnable check) {
        try {
            check.run();
            return true;
        } catch (LedgerException e) {
            assertEquals(ErrorCode.FORBIDDEN, e.code());
            return false;
        }
    }

    @Test
    void matrix() {
        for (Caller c : ALL) {
            boolean es = c.mspId().equals("EnterpriseServicesMSP");
            boolean tax = c.mspId().equals("TaxAuthorityMSP");
            assertEquals(es && c.operator(), allowed(() -> AccessPolicy.requireOperator(c, "registerSigner")), c.toString());
            assertEquals(es, allowed(() -> AccessPolicy.requireEnterprise(c, "anchorInvoice")), c.toString());
            for (TransitionAction a : TransitionAction.values()) {
                boolean hold = a == TransitionAction.LEGAL_HOLD_ON || a == TransitionAction.LEGAL_HOLD_OFF;
                assertEquals(hold ? tax : es, allowed(() -> AccessPolicy.requireTransition(c, a)), c + " " + a);
            }
        }
    }
}
