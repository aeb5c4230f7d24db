package dev.fapiao.chaincode;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.chaincode.ledger.Json;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Runs contract calls as transactions on a {@link FakeStub}: each call gets a fresh tx id and the
 * current clock, commits on success and rolls back on a refusal.
 */
final class Harness {

    /** A caller identity. */
    record Who(String mspId, X509Certificate cert) {
    }

    // subjects are written in DER order (as Fabric's cryptogen encodes them: C first), so that
    // X500Principal.getName() reads "CN=...,OU=...,O=...,C=CN"
    static final Who OPERATOR = new Who("EnterpriseServicesMSP",
            TestCerts.identity("C=CN,O=es.fapiao.dev,OU=admin,CN=Admin@es.fapiao.dev"));
    static final Who ENTERPRISE = new Who("EnterpriseServicesMSP",
            TestCerts.identity("C=CN,O=es.fapiao.dev,OU=client,CN=User1@es.fapiao.dev"));
    static final Who AUDITOR = new Who("TaxAuthorityMSP",
            TestCerts.identity("C=CN,O=tax.fapiao.dev,OU=client,CN=User1@tax.fapiao.dev"));
    static final Who TAX_ADMIN = new Who("TaxAuthorityMSP",
            TestCerts.identity("C=CN,O=tax.fapiao.dev,OU=admin,CN=Admin@tax.fapiao.dev"));
    static final Who STRANGER = new Who("OtherMSP",
            TestCerts.identity("C=CN,O=other,OU=admin,CN=Admin@other"));

    final FakeStub stub = new FakeStub();
    final FapiaoContract contract = new FapiaoContract();
    private final Map<Who, Context> contexts = new HashMap<>();
    Instant now = Instant.parse("2026-11-23T08:00:00Z");
    private int txCounter;
    String lastTxId;

    /** Runs one transaction and returns the result text; a refusal is rethrown after rollback. */
    String call(Who who, Function<Context, String> fn) {
        lastTxId = String.format("tx%04d", ++txCounter);
        stub.begin(lastTxId, now, "call");
        try {
            String out = fn.apply(context(who));
            stub.commit();
            return out;
        } catch (RuntimeException e) {
            stub.rollback();
            throw e;
        }
    }

    JsonNode json(Who who, Function<Context, String> fn) {
        return Json.tree(call(who, fn).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The refusal message of a call that must fail with a ChaincodeException. */
    String refusal(Who who, Function<Context, String> fn) {
        int eventsBefore = stub.events.size();
        Map<String, byte[]> before = new HashMap<>(stub.committedState());
        try {
            call(who, fn);
        } catch (ChaincodeException e) {
            if (stub.events.size() != eventsBefore || !sameState(before, stub.committedState())) {
                throw new AssertionError("a refused call changed the ledger");
            }
            return e.getMessage();
        }
        throw new AssertionError("call was not refused");
    }

    private static boolean sameState(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), b.get(e.getKey())));
    }

    private Context context(Who who) {
        return contexts.computeIfAbsent(who, w -> {
            ClientIdentity id = mock(ClientIdentity.class);
            when(id.getMSPID()).thenReturn(w.mspId());
            when(id.getX509Certificate()).thenReturn(w.cert());
            Context ctx = mock(Context.class);
            when(ctx.getStub()).thenReturn(stub);
            when(ctx.getClientIdentity()).thenReturn(id);
            return ctx;
        });
    }
}
