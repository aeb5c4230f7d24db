package dev.fapiao.node.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fapiao.node.anchor.LedgerUnavailableException;
import dev.fapiao.node.ledger.ChaincodeError;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;

/** {@link CheckpointClient} over the Fabric Gateway. */
public final class FabricCheckpointClient implements CheckpointClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Contract contract;

    public FabricCheckpointClient(Contract contract) {
        this.contract = contract;
    }

    @Override
    public Optional<LedgerCheckpoint> latest(String nodeId) throws LedgerUnavailableException {
        try {
            byte[] out = contract.evaluateTransaction("getCheckpoint", nodeId);
            JsonNode c = JSON.readTree(out);
            return Optional.of(new LedgerCheckpoint(c.path("treeSize").asLong(), c.path("rootHash").asText()));
        } catch (GatewayException e) {
            ChaincodeError error = ChaincodeError.of(e);
            if (error != null && error.code().equals("NOT_FOUND")) {
                return Optional.empty();
            }
            throw new LedgerUnavailableException("getCheckpoint failed: " + describe(e), e);
        } catch (IOException e) {
            throw new LedgerUnavailableException("getCheckpoint returned malformed JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public AnchoredCheckpoint anchor(String nodeId, long treeSize, String rootHash, String signature,
                                     List<String> consistencyProof)
            throws CheckpointRefusedException, LedgerUnavailableException {
        ArrayNode proof = JSON.createArrayNode();
        consistencyProof.forEach(proof::add);
        try {
            SubmittedTransaction tx = contract.newProposal("anchorCheckpoint")
                    .addArguments(nodeId, Long.toString(treeSize), rootHash, signature, proof.toString())
                    .build()
                    .endorse()
                    .submitAsync();
            Status status = tx.getStatus();
            if (!status.isSuccessful()) {
                throw new LedgerUnavailableException("checkpoint transaction " + status.getTransactionId()
                        + " committed as invalid: " + status.getCode(), null);
            }
            return new AnchoredCheckpoint(treeSize, rootHash, tx.getTransactionId(), status.getBlockNumber(), null);
        } catch (EndorseException e) {
            ChaincodeError error = ChaincodeError.of(e);
            if (error != null) {
                throw new CheckpointRefusedException(error.code(), error.message());
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
