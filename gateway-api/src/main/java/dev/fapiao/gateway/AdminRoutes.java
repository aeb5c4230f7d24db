package dev.fapiao.gateway;

import dev.fapiao.node.runtime.NodeBackup;
import dev.fapiao.node.runtime.NodeRuntime;
import io.vertx.ext.web.RoutingContext;

/** Operator-only node administration: the online backup ({@code invoice-node backup --node}). */
final class AdminRoutes {

    private final Gateway gw;
    private final NodeRuntime runtime;

    AdminRoutes(Gateway gw, NodeRuntime runtime) {
        this.gw = gw;
        this.runtime = runtime;
    }

    /** POST /v1/admin/backups: archive and Merkle log backed up by the running node into its backup directory. */
    void backup(RoutingContext ctx) {
        Gateway.caller(ctx).require(Caller.Role.OPERATOR);
        ctx.put(Gateway.TARGET, "backup");
        gw.blocking(runtime::backup).onSuccess(b -> Gateway.json(ctx, 201, Json.object()
                .put("backupId", b.backupId())
                .put("createdAt", b.createdAt().toString())
                .put("sizeBytes", b.sizeBytes())
                .put("fileCount", b.fileCount())
                .put("merkleLeaves", b.merkleLeaves())
                .put("merkleCursor", b.merkleCursor())
                .put("durationMillis", b.durationMillis())
                .put("directory", b.directory().getFileName().toString()))).onFailure(ctx::fail);
    }
}
