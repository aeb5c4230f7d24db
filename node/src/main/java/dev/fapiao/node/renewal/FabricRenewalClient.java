package dev.fapiao.node.renewal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.anchor.LedgerUnavailableException;
import dev.fapiao.node.checkpoint.FabricCheckpointClient;
import dev.fapiao.node.checkpoint.LedgerCheckpoint;
import dev.fapiao.node.ledger.ChaincodeError;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;

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
            throw new LedgerUnavailableException("getRenewals failed: " + describe(e), e);
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
        try {
            SubmittedTransaction tx = contract.newProposal("anchorRenewal").addArguments(json).build().endorse()
                    .submitAsync();
            Status status = tx.getStatus();
            if (!status.isSuccessful()) {
                throw new LedgerUnavailableException("renewal transaction " + status.getTransactionId()
                        + " committed as invalid: " + status.getCode(), null);
            }
            return new Submitted(tx.getTransactionId(), status.getBlockNumber());
        } catch (EndorseException e) {
            ChaincodeError error = ChaincodeError.of(e);
            if (error != null) {
                throw new RenewalRefusedException(error.code(), error.message());
            }
            throw new LedgerUnavailableException("endorsement failed: " + e.getMessage(), e);
        } catch (SubmitException | CommitStatusException e) {
            throw new LedgerUnavailableException("ordering or commit status failed: " + describe(e), e);
        }
    }

    private static String describe(GatewayException e) {
        ChaincodeError error = ChaincodeError.of(e);
        return error != null ? error.message() : e.getMessage();
    }
}
