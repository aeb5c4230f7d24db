package dev.fapiao.node.ledger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and as whom the node talks to the ledger: one peer's Gateway endpoint, the TLS
 * root that peer's certificate chains to, and the client identity (X.509 certificate and
 * private key in PEM) of the given MSP.
 */
public record LedgerSettings(
        String peerAddress,
        Path tlsCaCert,
        String mspId,
        Path certificate,
        Path privateKey,
        String channel,
        String chaincode,
        Duration endorseTimeout,
        Duration commitTimeout) {

    public static final Duration DEFAULT_ENDORSE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_COMMIT_TIMEOUT = Duration.ofMinutes(2);

    public LedgerSettings {
        Objects.requireNonNull(peerAddress, "peerAddress");
        Objects.requireNonNull(tlsCaCert, "tlsCaCert");
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chaincode, "chaincode");
        endorseTimeout = endorseTimeout == null ? DEFAULT_ENDORSE_TIMEOUT : endorseTimeout;
        commitTimeout = commitTimeout == null ? DEFAULT_COMMIT_TIMEOUT : commitTimeout;
    }
}
