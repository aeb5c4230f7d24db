package dev.fapiao.node.proof;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.crypto.Sm2PublicKey;
import dev.fapiao.node.crypto.Sm2;
import dev.fapiao.node.evidence.BlockEvidence;
import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.evidence.FabricEvidence;
import dev.fapiao.node.evidence.Signer;
import dev.fapiao.node.evidence.TrustAnchors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Version 2: {@code seal.enterprise}'s key is the issuer's registered ENTERPRISE key, valid at the
 * issue time, shown by the registry transaction that created the key record
 * ({@code enterpriseRegistration}, checks {@code registry-block.*}, {@code registry-tx.*} and
 * {@code enterprise-registration}; docs/retention-proof.md). Version 1 bundles do not run it.
 */
final class EnterpriseRegistration {
    static final String NAME = "enterprise-registration";

    private EnterpriseRegistration() {
    }

    static List<CheckResult> check(RetentionProof p, TrustAnchors trust) {
        List<CheckResult> out = new ArrayList<>();
        Signer e = p.seal().enterprise();
        BlockEvidence ev = p.enterpriseRegistration();
        if (e == null || ev == null) {
            if (e != null) {
                out.add(CheckResult.fail(NAME, "no registry evidence for the enterprise key " + e.keyId()));
            } else if (ev != null) {
                out.add(CheckResult.fail(NAME, "registry evidence without an enterprise seal"));
            }
            return out; // neither: nothing to bind
        }
        JsonNode[] written = new JsonNode[1];
        out.addAll(FabricEvidence.verify("registry", ev, trust,
                FabricEvidence.compositeKey("signer", Objects.toString(e.keyId(), "")), v -> {
                    written[0] = v;
                    return recordProblem(p, e, v);
                }));
        out.add(summary(p, ev, written[0]));
        return out;
    }

    /** The registry transaction precedes the anchoring one and wrote a readable key record. */
    private static CheckResult summary(RetentionProof p, BlockEvidence ev, JsonNode record) {
        BlockEvidence anchor = p.anchoring();
        if (ev.blockNumber() > anchor.blockNumber()
                || ev.blockNumber() == anchor.blockNumber() && ev.txIndex() >= anchor.txIndex()) {
            return CheckResult.fail(NAME, "the registry transaction (block " + ev.blockNumber() + ", tx "
                    + ev.txIndex() + ") is not before the anchoring (block " + anchor.blockNumber() + ", tx "
                    + anchor.txIndex() + ")");
        }
        if (record == null) {
            return CheckResult.fail(NAME, "no readable key record written by " + ev.txId());
        }
        return CheckResult.pass(NAME, "key " + p.seal().enterprise().keyId() + " registered as the issuer's "
                + "ENTERPRISE key by " + ev.txId() + " in block " + ev.blockNumber() + ", valid at the issue time "
                + p.seal().issueTime());
    }

    /** Null when the key record written is {@code e}'s key, ENTERPRISE, of the issuer and valid at the issue time. */
    static String recordProblem(RetentionProof p, Signer e, JsonNode v) {
        if (!Objects.equals(e.keyId(), v.path("keyId").asText(null))) {
            return "the record is of key " + v.path("keyId").asText();
        }
        if (!"ENTERPRISE".equals(v.path("kind").asText(null))) {
            return "the key is registered as " + v.path("kind").asText() + ", not ENTERPRISE";
        }
        if (!Objects.equals(p.invoice().issuer(), v.path("ownerCode").asText(null))) {
            return "the key belongs to " + v.path("ownerCode").asText() + ", not the issuer " + p.invoice().issuer();
        }
        try {
            Sm2PublicKey registered = Sm2PublicKey.fromPem(v.path("publicKey").asText(""));
            if (!registered.keyId().equals(e.keyId())) {
                return "the registered public key's SM3 is " + registered.keyId() + ", not " + e.keyId();
            }
            if (!registered.keyId().equals(Sm2PublicKey.fromPem(e.publicKey()).keyId())) {
                return "the registered public key is not the bundle's";
            }
        } catch (RuntimeException ex) {
            return "unusable public key: " + ex.getMessage();
        }
        if (!Objects.equals(userId(v.path("userId").asText(null)), userId(e.userId()))) {
            return "the registered SM2 user ID differs from the bundle's";
        }
        try {
            Instant issued = Instant.parse(p.seal().issueTime());
            Instant from = Instant.parse(v.path("validFrom").asText(""));
            if (from.isAfter(issued)) {
                return "the key is valid from " + from + ", after the issue time " + issued;
            }
            for (String end : new String[] {"validTo", "revokedAt"}) {
                JsonNode t = v.path(end);
                if (!t.isMissingNode() && !t.isNull() && !Instant.parse(t.asText()).isAfter(issued)) {
                    return "the record's " + end + " " + t.asText() + " is not after the issue time " + issued;
                }
            }
        } catch (RuntimeException ex) {
            return "unreadable validity: " + ex.getMessage();
        }
        return null;
    }

    private static String userId(String id) {
        return id == null ? Sm2.DEFAULT_USER_ID : id;
    }
}
