package dev.fapiao.node.ledger;

import dev.fapiao.node.anchor.AnchorItem;
import dev.fapiao.node.anchor.BatchSubmitter;
import dev.fapiao.node.anchor.ItemRejectedException;
import dev.fapiao.node.anchor.LedgerBatch;
import dev.fapiao.node.anchor.LedgerUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;

/**
 * Anchors a batch with one {@code anchorBatch} transaction through the Fabric Gateway:
 * endorse (both organisations), submit to the orderer, wait for the commit status.
 */
public final class FabricBatchSubmitter implements BatchSubmitter {

    private final Contract contract;

    public FabricBatchSubmitter(Contract contract) {
        this.contract = contract;
    }

    @Override
    public LedgerBatch submit(List<AnchorItem> batch, Consumer<String> onSubmitted)
            throws ItemRejectedException, LedgerUnavailableException {
        byte[] json = batchJson(batch);
        try {
            SubmittedTransaction tx = contract.newProposal("anchorBatch")
                    .addArguments(json)
                    .build()
                    .endorse()
                    .submitAsync();
            onSubmitted.accept(tx.getTransactionId());
            Status status = tx.getStatus();
            if (!status.isSuccessful()) {
                // e.g. MVCC_READ_CONFLICT: the batch is still valid; try again
                throw new LedgerUnavailableException("transaction " + status.getTransactionId()
                        + " committed as invalid: " + status.getCode(), null);
            }
            return new LedgerBatch(tx.getTransactionId(), status.getBlockNumber(), tx.getResult());
        } catch (EndorseException e) {
            ChaincodeError error = ChaincodeError.of(e);
            if (error != null && error.item() >= 0) {
                throw new ItemRejectedException(error.item(), error.message());
            }
            throw new LedgerUnavailableException("endorsement failed: " + describe(e), e);
        } catch (SubmitException | CommitStatusException e) {
            throw new LedgerUnavailableException("ordering or commit status failed: " + describe(e), e);
        }
    }

    /** The chaincode's batch argument: a JSON array of the items' Anchor objects, in order. */
    static byte[] batchJson(List<AnchorItem> batch) {
        StringBuilder sb = new StringBuilder(batch.size() * 400 + 2).append('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(batch.get(i).anchorJson());
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    static String describe(GatewayException e) {
        ChaincodeError error = ChaincodeError.of(e);
        return error != null ? error.message() : e.getMessage();
    }
}
