package dev.fapiao.node.runtime;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.config.ConfigLoader;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.config.PeerAddress;
import dev.fapiao.node.ledger.Ledger;
import dev.fapiao.node.ledger.LedgerSettings;
import dev.fapiao.node.replication.CopyCheck;
import dev.fapiao.node.replication.DocumentServer;
import dev.fapiao.node.replication.DocumentSource;
import dev.fapiao.node.replication.MemberTrust;
import dev.fapiao.node.replication.NodeTls;
import dev.fapiao.node.replication.PeerNode;
import dev.fapiao.node.replication.ReplicationPolicy;
import dev.fapiao.node.replication.Replicator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import javax.net.ssl.SSLContext;

/** Builds the node-to-node document server and the replicator from {@code replication.*}. */
final class ReplicationWiring {

    private static final int PEER_TIMEOUT_MILLIS = 30_000;

    private ReplicationWiring() {
    }

    /** The TLS context of this organisation's identity with the channel's members as the other end. */
    static SSLContext tls(NodeConfig.Replication r, LedgerSettings ledger) throws IOException {
        return tls(r, ledger, MemberTrust.of(Path.of(r.trustFile())));
    }

    private static SSLContext tls(NodeConfig.Replication r, LedgerSettings ledger, MemberTrust members)
            throws IOException {
        Path cert = r.certificate().isBlank() ? ledger.certificate() : Path.of(r.certificate());
        Path key = r.privateKey().isBlank() ? ledger.privateKey() : Path.of(r.privateKey());
        return NodeTls.context(cert, key, members);
    }

    static DocumentServer server(NodeConfig.Replication r, LedgerSettings ledger, Archive archive) throws IOException {
        String host = r.host().isBlank() ? host(ledger.peerAddress()) : r.host();
        return DocumentServer.start(archive.invoices(), archive.documents(), tls(r, ledger),
                MemberTrust.of(Path.of(r.trustFile())), host, r.port());
    }

    static Replicator replicator(NodeConfig.Replication r, LedgerSettings settings, Ledger ledger, Archive archive,
                                 Clock clock) throws IOException {
        MemberTrust members = MemberTrust.of(Path.of(r.trustFile()));
        SSLContext tls = tls(r, settings, members);
        List<DocumentSource> peers = ConfigLoader.list(r.peers()).stream().map(PeerAddress::parse)
                .<DocumentSource>map(p -> new PeerNode(p.url(), tls, PEER_TIMEOUT_MILLIS, p.expectedMsp(), members))
                .toList();
        ReplicationPolicy policy = new ReplicationPolicy(new HashSet<>(ConfigLoader.list(r.issuers())),
                r.fromDate().isBlank() ? null : LocalDate.parse(r.fromDate()),
                r.toDate().isBlank() ? null : LocalDate.parse(r.toDate()));
        return new Replicator(ledger, ledger, archive.invoices(), archive.nodeState(), new CopyCheck(ledger), peers,
                policy, new Replicator.Settings(r.startBlock(), r.parallelism(), r.rounds(),
                        Duration.ofMillis(r.retryMillis())), clock);
    }

    /** {@code host:port} → host (an IPv6 literal keeps its brackets off). */
    static String host(String address) {
        int colon = address.lastIndexOf(':');
        String h = colon < 0 ? address : address.substring(0, colon);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
