package dev.fapiao.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.evidence.MalformedProofException;
import dev.fapiao.node.evidence.StrictJson;
import dev.fapiao.node.proof.RetentionProofBuilder;
import dev.fapiao.node.proof.RetentionProofVerifier;
import dev.fapiao.node.evidence.TrustAnchors;
import dev.fapiao.node.proof.VerificationReport;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;

/**
 * Retention proofs over HTTP: the bundle for an invoice (docs/retention-proof.md), and the
 * same offline verification the CLI's {@code verify-proof} does, for clients without it.
 */
final class ProofApi {

    private final Gateway gw;
    private final Clock clock;

    ProofApi(Gateway gw, Clock clock) {
        this.gw = gw;
        this.clock = clock;
    }

    /** GET /v1/invoices/{id}/proof. */
    void proof(RoutingContext ctx) {
        String id = InvoicePath.visibleId(ctx);
        gw.blocking(() -> {
            if (gw.invoices().get(id).isEmpty()) {
                throw ApiException.notFound("no archived invoice " + id);
            }
            try {
                return gw.runtime().proofBuilder(clock).build(id).toJson();
            } catch (RetentionProofBuilder.NotYetProvableException e) {
                // anchoring or the covering checkpoint is still to come: ask again shortly
                throw ApiException.unavailable("not-yet-provable", e.getMessage(), 60);
            }
        }).onSuccess(json -> ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(json))
                .onFailure(ctx::fail);
    }

    /**
     * POST /v1/proofs:verify, body {@code {bundle, trust?, document?}}: {@code bundle} the
     * bundle (object), {@code trust} the trust file (object; default: this network's
     * exported trust.json), {@code document} the original, base64.
     */
    void verify(RoutingContext ctx) {
        JsonNode body;
        try {
            // the evidence parser, so that a duplicate member or a number's syntax survives into the checks
            body = StrictJson.parse(ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(StandardCharsets.UTF_8),
                    "the body is not JSON");
        } catch (MalformedProofException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (body == null || !body.isObject() || !body.path("bundle").isObject()) {
            throw ApiException.badRequest("expected {\"bundle\": {...}, \"trust\": {...}, \"document\": \"base64\"}");
        }
        byte[] document = null;
        if (body.hasNonNull("document")) {
            try {
                document = Base64.getDecoder().decode(body.path("document").asText());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("document: not base64");
            }
        }
        String bundle = body.path("bundle").toString();
        JsonNode trustNode = body.get("trust");
        byte[] doc = document;
        gw.blocking(() -> {
            TrustAnchors trust;
            try {
                trust = TrustAnchors.parse(trustNode != null ? trustNode.toString() : defaultTrust());
            } catch (RuntimeException e) {
                throw ApiException.badRequest("trust: " + e.getMessage());
            }
            try {
                return report(new RetentionProofVerifier(trust).verify(bundle, doc));
            } catch (MalformedProofException e) {
                throw ApiException.badRequest("bundle: " + e.getMessage());
            }
        }).onSuccess(report -> Gateway.json(ctx, 200, report)).onFailure(ctx::fail);
    }

    /** GET /v1/trust: this network's exported trust file, for a verifier that has none of its own. */
    void trust(RoutingContext ctx) {
        Gateway.caller(ctx);
        gw.blocking(() -> {
            Path trust = trustFile();
            if (!Files.isRegularFile(trust)) {
                throw ApiException.notFound("no trust file is exported here (scripts/network.sh trust)");
            }
            return Files.readString(trust);
        }).onSuccess(text -> ctx.response().putHeader("Content-Type", "application/json").end(text))
                .onFailure(ctx::fail);
    }

    private Path trustFile() {
        return Path.of(gw.runtime().config().ledger().profile()).resolveSibling("trust.json");
    }

    private String defaultTrust() throws IOException {
        Path trust = trustFile();
        if (!Files.isRegularFile(trust)) {
            throw ApiException.badRequest("no trust file given and none exported here (scripts/network.sh trust)");
        }
        return Files.readString(trust);
    }

    private static ObjectNode report(VerificationReport r) {
        ObjectNode out = Json.object();
        out.put("passed", r.passed());
        ArrayNode checks = out.putArray("checks");
        for (CheckResult c : r.checks()) {
            checks.addObject().put("name", c.name()).put("passed", c.passed()).put("reason", c.reason());
        }
        out.set("failed", Json.MAPPER.valueToTree(r.failed()));
        return out;
    }
}
