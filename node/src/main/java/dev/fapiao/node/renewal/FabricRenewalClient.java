package dev.fapiao.node.renewal;

import dev.fapiao.node.ledger.LedgerSubmit;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.anchor.LedgerUnavailableException;
import dev.fapiao.node.checkpoint.FabricCheckpointClient;
import dev.fapiao.node.checkpoint.LedgerCheckpoint;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;

/** {@link RenewalClient} over the Fabric Gateway. */
public final class FabricRenewalClient implements RenewalClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Contract contract;
    private final FabricCheckpointClient checkpoints;

    public FabricRenewalClient(Contract contract) {
        this.contract = contract;
        this.checkpoints = new FabricCheckpointClient(contract);
    }

    @Override
    public List<LedgerRenewal> renewals(String nodeId) throws LedgerUnavailableException {
        try {
            return Arrays.asList(JSON.readValue(contract.evaluateTransaction("getRenewals", nodeId),
                    LedgerRenewal[].class));
        } catch (GatewayException e) {
            throw new LedgerUnavailableException("getRenewals failed: " + LedgerSubmit.describe(e), e);
        } catch (IOException e) {
            throw new LedgerUnavailableException("getRenewals returned malformed JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<LedgerCheckpoint> checkpoint(String nodeId) throws LedgerUnavailableException {
        return checkpoints.latest(nodeId);
    }

    @Override
    public Submitted anchor(RenewalRequest request) throws RenewalRefusedException, LedgerUnavailableException {
        String json;
        try {
            json = JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        LedgerSubmit.Committed tx = LedgerSubmit.submit(contract.newProposal("anchorRenewal").addArguments(json)
                .build(), "renewal", RenewalRefusedException::new);
        return new Submitted(tx.txId(), tx.blockNumber());
    }
}
