package dev.fapiao.node.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.archive.HashedDocument;
import dev.fapiao.node.model.AnchorState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node-to-node API over real mutual TLS: a current member's identity is served; a non-member's,
 * the orderer organisation's, and a member's removed from the trust file since are refused.
 */
class DocumentServerTest {

    @TempDir
    Path dir;
    private final ReplicaFixtures f = new ReplicaFixtures();
    private TestPki.Ca orderer;
    private TestPki.Ca enterprise;
    private TestPki.Ca joiner;
    private TestPki.Ca stranger;
    private Path trust;
    private Archive archive;
    private DocumentServer server;
    private Replica held;

    @BeforeEach
    void start() throws Exception {
        orderer = TestPki.ca("OrdererMSP");
        enterprise = TestPki.ca("EnterpriseServicesMSP");
        joiner = TestPki.ca("JoinerMSP");
        stranger = TestPki.ca("StrangerMSP");
        trust = dir.resolve("trust.json");
        TestPki.trustFile(trust, orderer, enterprise, joiner);
        archive = Archive.open(ArchiveOptions.builder(dir.resolve("archive")).build());
        held = f.replica();
        archive.invoices().putAnchored(held.invoice(), HashedDocument.of(held.document()),
                new AnchorState(AnchorState.Phase.ANCHORED, "tx", 5, Instant.now(), 0, null, Instant.now())).get();
        TestPki.Identity serverId = enterprise.issue("node-a", dir);
        MemberTrust members = MemberTrust.of(trust);
        server = DocumentServer.start(archive.invoices(), archive.documents(),
                NodeTls.context(serverId.certificate(), serverId.privateKey(), members), members, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        archive.close();
    }

    private PeerNode as(TestPki.Ca org, String cn) throws Exception {
        TestPki.Identity id = org.issue(cn, dir);
        return new PeerNode("https://127.0.0.1:" + server.port(),
                NodeTls.context(id.certificate(), id.privateKey(), MemberTrust.of(trust)), 10_000);
    }

    @Test
    void aMemberGetsTheRecordAndTheDocument() throws Exception {
        Replica got = as(joiner, "node-b").fetch(held.invoice().invoiceId()).orElseThrow();
        assertEquals(held.invoice().docHash(), got.invoice().docHash());
        assertEquals(held.invoice().seal(), got.invoice().seal());
        assertArrayEquals(held.document(), got.document());
        new CopyCheck(f.registry).verify(got, ReplicaFixtures.anchored(held));
        assertEquals(Optional.empty(), as(joiner, "node-b2").fetch(held.invoice().issuer() + "00000000000000000000"));
        assertEquals(1, server.served());
    }

    @Test
    void aNonMemberIsRefusedAtTheHandshake() throws Exception {
        PeerNode outsider = as(stranger, "node-x");
        // TLS 1.3: the server's alert reaches the client as a failed handshake or a broken first write
        assertThrows(IOException.class, () -> outsider.fetch(held.invoice().invoiceId()));
        assertEquals(0, server.served());
    }

    @Test
    void theOrdererOrganisationIsNoChannelMemberHere() throws Exception {
        PeerNode ordererNode = as(orderer, "orderer0");
        assertThrows(IOException.class, () -> ordererNode.fetch(held.invoice().invoiceId()));
        assertEquals(0, server.served());
    }

    @Test
    void aMemberRemovedFromTheTrustFileIsRefusedFromThenOn() throws Exception {
        PeerNode b = as(joiner, "node-b");
        assertTrue(b.fetch(held.invoice().invoiceId()).isPresent());
        TestPki.trustFile(trust, orderer, enterprise); // remove-org re-exported the trust file
        TestPki.touchLater(trust);
        // a kept-alive connection gets 403, a new one fails the handshake: refused either way
        assertThrows(IOException.class, () -> b.fetch(held.invoice().invoiceId()));
        assertThrows(IOException.class, () -> as(joiner, "node-b3").fetch(held.invoice().invoiceId()));
        assertEquals(1, server.served());
    }

    @Test
    void aServerOfTheExpectedMemberIsAccepted() throws Exception {
        TestPki.Identity id = joiner.issue("node-b", dir);
        MemberTrust members = MemberTrust.of(trust);
        PeerNode a = new PeerNode("https://127.0.0.1:" + server.port(),
                NodeTls.context(id.certificate(), id.privateKey(), members), 10_000, "EnterpriseServicesMSP", members);
        assertTrue(a.fetch(held.invoice().invoiceId()).isPresent());
        assertEquals(1, server.served());
    }

    @Test
    void anotherMemberAtTheExpectedMembersAddressIsRefusedByTheClient() throws Exception {
        // the joiner's node answers where EnterpriseServices' node was configured: a member, but not that one
        server.close();
        TestPki.Identity impersonator = joiner.issue("node-b-serving", dir);
        MemberTrust all = MemberTrust.of(trust);
        server = DocumentServer.start(archive.invoices(), archive.documents(),
                NodeTls.context(impersonator.certificate(), impersonator.privateKey(), all), all, "127.0.0.1", 0);
        TestPki.Identity client = enterprise.issue("node-c", dir);
        PeerNode expectingEnterprise = new PeerNode("https://127.0.0.1:" + server.port(),
                NodeTls.context(client.certificate(), client.privateKey(), all), 10_000, "EnterpriseServicesMSP", all);
        PeerNode.PeerIdentityException e = assertThrows(PeerNode.PeerIdentityException.class,
                () -> expectingEnterprise.fetch(held.invoice().invoiceId()));
        assertTrue(e.getMessage().contains("an identity of JoinerMSP"), e.getMessage());
        assertEquals(0, server.served(), "nothing was asked of it");
        // without an expected MSP any member's node is accepted there
        PeerNode anyMember = new PeerNode("https://127.0.0.1:" + server.port(),
                NodeTls.context(client.certificate(), client.privateKey(), all), 10_000);
        assertTrue(anyMember.fetch(held.invoice().invoiceId()).isPresent());
    }

    @Test
    void aServerThatIsNoMemberIsRefusedByTheClient() throws Exception {
        server.close();
        TestPki.Identity impostor = stranger.issue("impostor", dir);
        MemberTrust all = MemberTrust.of(trust);
        server = DocumentServer.start(archive.invoices(), archive.documents(),
                NodeTls.context(impostor.certificate(), impostor.privateKey(), all), all, "127.0.0.1", 0);
        assertThrows(IOException.class, () -> as(joiner, "node-b").fetch(held.invoice().invoiceId()));
        assertEquals(0, server.served());
    }
}
