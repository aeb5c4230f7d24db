package dev.fapiao.chaincode;

import dev.fapiao.chaincode.crypto.CheckpointEncoding;
import dev.fapiao.chaincode.crypto.CryptoFormatException;
import dev.fapiao.chaincode.crypto.Hex;
import dev.fapiao.chaincode.crypto.PublicKeyCache;
import dev.fapiao.chaincode.crypto.Sm2Verifier;
import dev.fapiao.chaincode.event.CheckpointAnchored;
import dev.fapiao.chaincode.ledger.Json;
import dev.fapiao.chaincode.ledger.Keys;
import dev.fapiao.chaincode.merkle.ConsistencyVerifier;
import dev.fapiao.chaincode.model.Checkpoint;
import dev.fapiao.chaincode.model.HistoryEntry;
import dev.fapiao.chaincode.model.SignerKey;
import dev.fapiao.chaincode.rules.ErrorCode;
import dev.fapiao.chaincode.rules.Fields;
import dev.fapiao.chaincode.rules.KeyValidity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * anchorCheckpoint, getCheckpoint, getCheckpointHistory. A new checkpoint of a node must be an
 * append-only extension of its previous one: the caller passes the RFC 9162 consistency proof
 * (SM3) from the previous tree size to the new one, and the chaincode verifies it.
 */
final class CheckpointLedger {

    private final SignerRegistry registry;
    private final PublicKeyCache cache;

    CheckpointLedger(SignerRegistry registry, PublicKeyCache cache) {
        this.registry = registry;
        this.cache = cache;
    }

    /** More hashes than any proof between tree sizes below 2^63 can have. */
    static final int MAX_PROOF_HASHES = 128;
    static final String EMPTY_ROOT = Hex.encode(ConsistencyVerifier.SM3.emptyRoot());

    Checkpoint anchor(Tx tx, String nodeIdText, String treeSizeText, String rootHashText, String signatureText,
                      String consistencyProofText) {
        String nodeId = Fields.nodeId("nodeId", nodeIdText);
        registry.requireNodeOwner(tx, nodeId, "anchorCheckpoint");
        long treeSize = Fields.nonNegativeLong("treeSize", treeSizeText);
        String rootHash = Fields.hash("rootHash", rootHashText);
        if (treeSize == 0 && !rootHash.equals(EMPTY_ROOT)) {
            throw Fields.invalid("rootHash", "the empty tree's root is " + EMPTY_ROOT);
        }
        List<byte[]> proof = proof(consistencyProofText);
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
        if (previous == null) {
            if (!proof.isEmpty()) {
                throw Fields.invalid("consistencyProof", "must be [] for the first checkpoint of node " + nodeId);
            }
        } else {
            if (treeSize < previous.treeSize()) {
                throw ErrorCode.CONFLICT.error("treeSize " + treeSize + " is below the last checkpoint's "
                        + previous.treeSize() + " for node " + nodeId);
            }
            if (treeSize == previous.treeSize() && !previous.rootHash().equals(rootHash)) {
                throw ErrorCode.CONFLICT.error("node " + nodeId + " already anchored treeSize " + treeSize
                        + " with root " + previous.rootHash());
            }
            requireConsistent(previous, treeSize, rootHash, proof);
            if (treeSize == previous.treeSize()) {
                return previous; // same size, same root: unchanged
            }
        }
        Long previousTreeSize = previous == null ? null : previous.treeSize();
        Checkpoint checkpoint = new Checkpoint(nodeId, treeSize, rootHash, previousTreeSize, signatureText,
                signer.keyId(), tx.txId(), tx.at(), tx.caller().actor());
        tx.ledger().put(Keys.checkpoint(nodeId), checkpoint);
        tx.ledger().emit(CheckpointAnchored.NAME,
                new CheckpointAnchored(tx.txId(), nodeId, treeSize, rootHash, previousTreeSize));
        return checkpoint;
    }

    /** The previous tree must be a prefix of the new one (RFC 9162 §2.1.4.2, SM3). */
    private static void requireConsistent(Checkpoint previous, long treeSize, String rootHash, List<byte[]> proof) {
        String reason = null;
        if (previous.treeSize() == 0) {
            // the empty tree is a prefix of every tree; there is nothing to prove
            if (!proof.isEmpty()) {
                reason = "the proof from the empty tree must be empty";
            }
        } else {
            try {
                ConsistencyVerifier.SM3.verify(previous.treeSize(), treeSize, proof,
                        Hex.decode(previous.rootHash()), Hex.decode(rootHash));
            } catch (ConsistencyVerifier.InconsistentException e) {
                reason = e.getMessage();
            } catch (CryptoFormatException e) {
                throw new IllegalStateException(e); // both roots were checked as hex
            }
        }
        if (reason != null) {
            throw ErrorCode.CONFLICT.error("checkpoint is not an append-only extension of tree size "
                    + previous.treeSize() + ": " + reason);
        }
    }

    /** The {@code consistencyProof} argument: a JSON array of 64-character lowercase hex hashes. */
    static List<byte[]> proof(String text) {
        JsonNode tree = Json.argumentTree("consistencyProof", text);
        if (!tree.isArray()) {
            throw Fields.invalid("consistencyProof", "must be a JSON array of hashes");
        }
        if (tree.size() > MAX_PROOF_HASHES) {
            throw Fields.invalid("consistencyProof", "has " + tree.size() + " hashes, at most " + MAX_PROOF_HASHES);
        }
        List<byte[]> out = new ArrayList<>(tree.size());
        for (int i = 0; i < tree.size(); i++) {
            JsonNode e = tree.get(i);
            String field = "consistencyProof[" + i + "]";
            if (!e.isTextual()) {
                throw Fields.invalid(field, "must be a string");
            }
            try {
                out.add(Hex.decode(Fields.hash(field, e.asText())));
            } catch (CryptoFormatException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return out;
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
