package dev.fapiao.chaincode.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.chaincode.model.SignerKey;
import dev.fapiao.chaincode.model.SignerKind;
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

    static SignerKey key(String mspId) {
        return new SignerKey("k", "c", SignerKind.NODE, "n", null, null, null, null, null, null, null, null, null,
                mspId);
    }

    @Test
    void matrix() {
        for (Caller c : ALL) {
            boolean es = c.mspId().equals("EnterpriseServicesMSP");
            boolean tax = c.mspId().equals("TaxAuthorityMSP");
            assertEquals(c.operator(), allowed(() -> AccessPolicy.requireAdmin(c, "registerSigner")), c.toString());
            assertEquals(c.operator(), allowed(() -> AccessPolicy.requireRegistrar(c, SignerKind.NODE, "registerSigner")),
                    c.toString());
            assertEquals(es && c.operator(), allowed(() -> AccessPolicy.requireRegistrar(c, SignerKind.ENTERPRISE,
                    "registerSigner")), c.toString());
            for (String owner : new String[] {"EnterpriseServicesMSP", "TaxAuthorityMSP", "OtherMSP"}) {
                SignerKey key = key(owner);
                assertEquals(c.operator() && owner.equals(c.mspId()),
                        allowed(() -> AccessPolicy.requireKeyAdmin(c, key, "revokeSigner")), c + " " + owner);
                assertEquals(owner.equals(c.mspId()),
                        allowed(() -> AccessPolicy.requireNodeOwner(c, "n", owner, "anchorCheckpoint")), c + " " + owner);
            }
            assertTrue(allowed(() -> AccessPolicy.requireNodeOwner(c, "n", null, "registerSigner")), "an unowned node");
            assertEquals(es && c.operator(), allowed(() -> AccessPolicy.requireKeyAdmin(c, key(null), "rotateSigner")),
                    "a record without mspId is EnterpriseServicesMSP's: " + c);
            assertEquals(es, allowed(() -> AccessPolicy.requireEnterprise(c, "anchorInvoice")), c.toString());
            for (TransitionAction a : TransitionAction.values()) {
                boolean hold = a == TransitionAction.LEGAL_HOLD_ON || a == TransitionAction.LEGAL_HOLD_OFF;
                assertEquals(hold ? tax : es, allowed(() -> AccessPolicy.requireTransition(c, a)), c + " " + a);
            }
        }
    }
}
