package dev.fapiao.chaincode;

import dev.fapiao.chaincode.crypto.CheckpointEncoding;
import dev.fapiao.chaincode.crypto.CryptoFormatException;
import dev.fapiao.chaincode.crypto.Hex;
import dev.fapiao.chaincode.crypto.PublicKeyCache;
import dev.fapiao.chaincode.crypto.Sm2Verifier;
import dev.fapiao.chaincode.event.CheckpointAnchored;
import dev.fapiao.chaincode.ledger.Keys;
import dev.fapiao.chaincode.model.Checkpoint;
import dev.fapiao.chaincode.model.HistoryEntry;
import dev.fapiao.chaincode.model.SignerKey;
import dev.fapiao.chaincode.rules.AccessPolicy;
import dev.fapiao.chaincode.rules.ErrorCode;
import dev.fapiao.chaincode.rules.Fields;
import dev.fapiao.chaincode.rules.KeyValidity;
import java.util.List;

/** anchorCheckpoint, getCheckpoint, getCheckpointHistory. */
final class CheckpointLedger {

    private final SignerRegistry registry;
    private final PublicKeyCache cache;

    CheckpointLedger(SignerRegistry registry, PublicKeyCache cache) {
        this.registry = registry;
        this.cache = cache;
    }

    Checkpoint anchor(Tx tx, String nodeIdText, String treeSizeText, String rootHashText, String signatureText) {
        AccessPolicy.requireEnterprise(tx.caller(), "anchorCheckpoint");
        String nodeId = Fields.nodeId("nodeId", nodeIdText);
        long treeSize = Fields.nonNegativeLong("treeSize", treeSizeText);
        String rootHash = Fields.hash("rootHash", rootHashText);
        byte[] signature = Fields.base64("signature", signatureText);
        try {
            Sm2Verifier.requireDer(signature);
        } catch (CryptoFormatException e) {
            throw Fields.invalid("signature", e.getMessage());
        }
        byte[] message;
        try {
            message = CheckpointEncoding.encode(nodeId, treeSize, Hex.decode(rootHash));
        } catch (CryptoFormatException e) {
            throw new IllegalStateException(e);
        }
        SealVerifier verifier = new SealVerifier(tx, registry, cache);
        List<SignerKey> keys = registry.byNode(tx, nodeId).stream()
                .filter(k -> KeyValidity.isValidAt(k, tx.time()))
                .toList();
        if (keys.isEmpty()) {
            throw ErrorCode.INVALID_SIGNATURE.error("no NODE key of node " + nodeId + " is valid at " + tx.at());
        }
        SignerKey signer = keys.stream().filter(k -> verifier.verifies(k, message, signature)).findFirst()
                .orElseThrow(() -> ErrorCode.INVALID_SIGNATURE.error("signature: does not verify with any valid NODE key "
                        + "of node " + nodeId));
        Checkpoint previous = tx.ledger().get(Keys.checkpoint(nodeId), Checkpoint.class);
        if (previous != null) {
            if (treeSize < previous.treeSize()) {
                throw ErrorCode.CONFLICT.error("treeSize " + treeSize + " is below the last checkpoint's "
                        + previous.treeSize() + " for node " + nodeId);
            }
            if (treeSize == previous.treeSize()) {
                if (previous.rootHash().equals(rootHash)) {
                    return previous;
                }
                throw ErrorCode.CONFLICT.error("node " + nodeId + " already anchored treeSize " + treeSize
                        + " with root " + previous.rootHash());
            }
        }
        Checkpoint checkpoint = new Checkpoint(nodeId, treeSize, rootHash, signatureText, signer.keyId(), tx.txId(),
                tx.at(), tx.caller().actor());
        tx.ledger().put(Keys.checkpoint(nodeId), checkpoint);
        tx.ledger().emit(CheckpointAnchored.NAME, new CheckpointAnchored(tx.txId(), nodeId, treeSize, rootHash));
        return checkpoint;
    }

    Checkpoint get(Tx tx, String nodeIdText) {
        String nodeId = Fields.nodeId("nodeId", nodeIdText);
        Checkpoint c = tx.ledger().get(Keys.checkpoint(nodeId), Checkpoint.class);
        if (c == null) {
            throw ErrorCode.NOT_FOUND.error("no checkpoint for node " + nodeId);
        }
        return c;
    }

    List<HistoryEntry> history(Tx tx, String nodeIdText) {
        return tx.ledger().history(Keys.checkpoint(Fields.nodeId("nodeId", nodeIdText)));
    }
}
