package dev.fapiao.node.proof;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.proof.RetentionProof.BlockEvidence;
import java.util.List;
import java.util.function.Function;

/**
 * The offline checks of one Fabric transaction in its raw block ({@link FabricEvidence}), for
 * evidence outside this package (e.g. {@code dev.fapiao.node.renewal.RenewalVerifier}). Check names
 * are {@code <prefix>-block.*} and {@code <prefix>-tx.*}, as docs/retention-proof.md step 5
 * describes them.
 */
public final class FabricEvidenceChecks {
    private FabricEvidenceChecks() {
    }

    /**
     * Runs every check for {@code evidence}; {@code writeCheck} receives the JSON value the
     * transaction writes to {@code key} in namespace {@code fapiao} and returns null when it is as
     * expected, else the reason.
     */
    public static List<CheckResult> verify(String prefix, BlockEvidence evidence, TrustAnchors trust, String key,
            Function<JsonNode, String> writeCheck) {
        return FabricEvidence.verify(prefix, evidence, trust, key, writeCheck);
    }

    /** Fabric's composite key {@code \u0000type\u0000attr...\u0000}. */
    public static String compositeKey(String type, String... attributes) {
        return FabricEvidence.compositeKey(type, attributes);
    }
}
