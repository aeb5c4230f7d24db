package dev.fapiao.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.anchor.AnchorPipeline;
import dev.fapiao.node.service.NodeStatus;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code GET /v1/node/status} for operators (the console's operator view): the node's status
 * ({@link NodeStatus}: ledger height per organisation, backlog, checkpoints, renewals, audit), the
 * pipeline's counters and the committed-invoice rate over the last hour ({@link CommitHistory}).
 */
final class OperatorRoutes {

    static final int RECENT = 10;

    private final Gateway gw;
    private final NodeStatus status;
    private final AnchorPipeline pipeline;
    private final Clock clock;
    private final CommitHistory history = new CommitHistory();

    OperatorRoutes(Gateway gw, Clock clock) {
        this.gw = gw;
        this.status = gw.runtime().status();
        this.pipeline = gw.runtime().pipeline();
        this.clock = clock;
        sample();
        gw.vertx().setPeriodic(CommitHistory.INTERVAL_MILLIS, id -> sample());
    }

    private void sample() {
        history.record(clock.millis(), pipeline.stats().committedInvoices());
    }

    void status(RoutingContext ctx) {
        Gateway.caller(ctx).require(Caller.Role.OPERATOR);
        gw.blocking(() -> {
            ObjectNode out = (ObjectNode) status.snapshot(RECENT);
            AnchorPipeline.Stats s = pipeline.stats();
            ((ObjectNode) out.get("backlog")).put("pipeline", s.backlog()).put("inFlight", s.inFlight());
            out.putObject("committed").put("invoices", s.committedInvoices()).put("batches", s.committedBatches())
                    .put("failedInvoices", s.failedInvoices()).put("ledgerErrors", s.ledgerErrors())
                    .put("sampleSeconds", CommitHistory.INTERVAL_MILLIS / 1000)
                    .set("lastHour", history.series(clock.millis()));
            return out;
        }).onSuccess(o -> Gateway.json(ctx, 200, o)).onFailure(ctx::fail);
    }
}
