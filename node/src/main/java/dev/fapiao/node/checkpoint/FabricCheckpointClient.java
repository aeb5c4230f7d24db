package dev.fapiao.node.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fapiao.node.anchor.LedgerUnavailableException;
import dev.fapiao.node.ledger.ChaincodeError;
import dev.fapiao.node.ledger.LedgerSubmit;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;

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
            throw new LedgerUnavailableException("getCheckpoint failed: " + LedgerSubmit.describe(e), e);
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
        LedgerSubmit.Committed tx = LedgerSubmit.submit(contract.newProposal("anchorCheckpoint")
                .addArguments(nodeId, Long.toString(treeSize), rootHash, signature, proof.toString()).build(),
                "checkpoint", CheckpointRefusedException::new);
        return new AnchoredCheckpoint(treeSize, rootHash, tx.txId(), tx.blockNumber(), null);
    }
}
