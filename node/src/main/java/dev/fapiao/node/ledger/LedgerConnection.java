package dev.fapiao.node.ledger;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.security.InvalidKeyException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * One Fabric Gateway connection (gRPC channel + gateway) as one client identity.
 * Thread-safe: the gateway multiplexes concurrent submissions over the channel.
 */
public final class LedgerConnection implements AutoCloseable {

    private final ManagedChannel channel;
    private final Gateway gateway;
    private final Network network;
    private final Contract contract;
    private final LedgerSettings settings;

    private LedgerConnection(LedgerSettings settings, ManagedChannel channel, Gateway gateway) {
        this.settings = settings;
        this.channel = channel;
        this.gateway = gateway;
        this.network = gateway.getNetwork(settings.channel());
        this.contract = network.getContract(settings.chaincode());
    }

    public static LedgerConnection open(LedgerSettings settings) throws IOException {
        X509Identity identity;
        try (Reader r = Files.newBufferedReader(settings.certificate())) {
            identity = new X509Identity(settings.mspId(), Identities.readX509Certificate(r));
        } catch (CertificateException e) {
            throw new IOException("bad client certificate " + settings.certificate() + ": " + e.getMessage(), e);
        }
        var signer = readSigner(settings);
        ManagedChannel channel = Grpc.newChannelBuilder(settings.peerAddress(),
                        TlsChannelCredentials.newBuilder().trustManager(settings.tlsCaCert().toFile()).build())
                .maxInboundMessageSize(100 * 1024 * 1024)
                .build();
        long endorse = settings.endorseTimeout().toMillis();
        long commit = settings.commitTimeout().toMillis();
        Gateway gateway = Gateway.newInstance()
                .identity(identity)
                .signer(signer)
                .hash(Hash.SHA256)
                .connection(channel)
                .evaluateOptions(o -> o.withDeadlineAfter(endorse, TimeUnit.MILLISECONDS))
                .endorseOptions(o -> o.withDeadlineAfter(endorse, TimeUnit.MILLISECONDS))
                .submitOptions(o -> o.withDeadlineAfter(endorse, TimeUnit.MILLISECONDS))
                .commitStatusOptions(o -> o.withDeadlineAfter(commit, TimeUnit.MILLISECONDS))
                .connect();
        return new LedgerConnection(settings, channel, gateway);
    }

    private static org.hyperledger.fabric.client.identity.Signer readSigner(LedgerSettings settings) throws IOException {
        try (Reader r = Files.newBufferedReader(settings.privateKey())) {
            return Signers.newPrivateKeySigner(Identities.readPrivateKey(r));
        } catch (InvalidKeyException e) {
            throw new IOException("bad client private key " + settings.privateKey() + ": " + e.getMessage(), e);
        }
    }

    public Contract contract() {
        return contract;
    }

    public Network network() {
        return network;
    }

    public LedgerSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        gateway.close();
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
