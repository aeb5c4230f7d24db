package dev.fapiao.chaincode;

import dev.fapiao.chaincode.crypto.CryptoFormatException;
import dev.fapiao.chaincode.crypto.Hex;
import dev.fapiao.chaincode.crypto.PublicKeyCache;
import dev.fapiao.chaincode.crypto.RenewalEncoding;
import dev.fapiao.chaincode.crypto.Sm2Verifier;
import dev.fapiao.chaincode.event.RenewalAnchored;
import dev.fapiao.chaincode.ledger.Json;
import dev.fapiao.chaincode.ledger.Keys;
import dev.fapiao.chaincode.merkle.ConsistencyVerifier;
import dev.fapiao.chaincode.model.Checkpoint;
import dev.fapiao.chaincode.model.Renewal;
import dev.fapiao.chaincode.model.RenewalPrevious;
import dev.fapiao.chaincode.model.RenewalRequest;
import dev.fapiao.chaincode.model.SignerKey;
import dev.fapiao.chaincode.rules.ErrorCode;
import dev.fapiao.chaincode.rules.Fields;
import dev.fapiao.chaincode.rules.KeyValidity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hyperledger.fabric.shim.ledger.CompositeKey;

/**
 * anchorRenewal, getRenewal, getRenewals: long-term renewal of a node's evidence (RFC 4998 §5.2
 * hash-tree renewal; docs/renewal.md). The chaincode cannot see the renewal tree, only its root; it
 * checks what the root claims to extend:
 *
 * <ul>
 *   <li>the node's SM3 log at {@code logTreeSize} leaves with root {@code logRootHash} is its
 *       anchored checkpoint, or a prefix of it (RFC 9162 §2.1.4.2 consistency proof);</li>
 *   <li>renewal 1 extends nothing else; renewal n extends exactly the anchored renewal n-1
 *       ({@code previous} = its algorithm, tree size and root) and covers at least as many leaves;</li>
 *   <li>the NODE key of the node signed the renewal encoding v1.</li>
 * </ul>
 * Sequences are dense (1, 2, ...); a sequence once anchored never changes its root.
 */
final class RenewalLedger {

    /** Hash algorithms a renewal may use (SM3 is the log's own; renewing into it would gain nothing). */
    static final Set<String> ALGORITHMS = Set.of("SHA-256", "SHA3-256");
    static final List<String> ALGORITHM_LIST = List.of("SHA-256", "SHA3-256");
    static final int MAX_PROOF_HASHES = CheckpointLedger.MAX_PROOF_HASHES;

    private final SignerRegistry registry;
    private final PublicKeyCache cache;

    RenewalLedger(SignerRegistry registry, PublicKeyCache cache) {
        this.registry = registry;
        this.cache = cache;
    }

    /** A validated request. */
    private record Valid(String nodeId, long sequence, String algorithm, long treeSize, String rootHash,
            long logTreeSize, String logRootHash, List<byte[]> logProof, RenewalPrevious previous,
            byte[] signature, String signatureText) {

        boolean sameContent(Renewal r) {
            return algorithm.equals(r.algorithm()) && treeSize == r.treeSize() && rootHash.equals(r.rootHash())
                    && logTreeSize == r.logTreeSize() && logRootHash.equals(r.logRootHash())
                    && Objects.equals(previous, r.previous());
        }
    }

    Renewal anchor(Tx tx, String requestText) {
        Valid r = validate(Json.argument("renewal", requestText, RenewalRequest.class));
        registry.requireNodeOwner(tx, r.nodeId(), "anchorRenewal");
        SignerKey signer = requireSignature(tx, r);
        Renewal existing = tx.ledger().get(Keys.renewal(r.nodeId(), r.sequence()), Renewal.class);
        if (existing != null) {
            if (r.sameContent(existing)) {
                return existing; // the same renewal again (e.g. a retried submission): unchanged
            }
            throw ErrorCode.CONFLICT.error("node " + r.nodeId() + " already anchored renewal " + r.sequence()
                    + " with algorithm " + existing.algorithm() + ", tree size " + existing.treeSize() + " and root "
                    + existing.rootHash());
        }
        Renewal prior = null;
        if (r.sequence() > 1) {
            prior = tx.ledger().get(Keys.renewal(r.nodeId(), r.sequence() - 1), Renewal.class);
            if (prior == null) {
                throw ErrorCode.CONFLICT.error("renewal " + r.sequence() + " of node " + r.nodeId()
                        + " must follow renewal " + (r.sequence() - 1) + ", which is not anchored");
            }
            RenewalPrevious p = r.previous();
            if (!p.algorithm().equals(prior.algorithm()) || p.treeSize() != prior.treeSize()
                    || !p.rootHash().equals(prior.rootHash())) {
                throw ErrorCode.CONFLICT.error("previous (" + p.algorithm() + ", " + p.treeSize() + ", "
                        + p.rootHash() + ") is not the anchored renewal " + prior.sequence() + " of node "
                        + r.nodeId() + " (" + prior.algorithm() + ", " + prior.treeSize() + ", " + prior.rootHash()
                        + ")");
            }
            if (r.logTreeSize() < prior.logTreeSize()) {
                throw ErrorCode.CONFLICT.error("logTreeSize " + r.logTreeSize() + " is below renewal "
                        + prior.sequence() + "'s " + prior.logTreeSize());
            }
            if (r.logTreeSize() == prior.logTreeSize() && !r.logRootHash().equals(prior.logRootHash())) {
                throw ErrorCode.CONFLICT.error("logRootHash differs from renewal " + prior.sequence()
                        + "'s at the same logTreeSize " + r.logTreeSize());
            }
        }
        requireAnchoredLog(tx, r);
        Renewal renewal = new Renewal(r.nodeId(), r.sequence(), r.algorithm(), r.treeSize(), r.rootHash(),
                r.logTreeSize(), r.logRootHash(), r.previous(), r.signatureText(), signer.keyId(), tx.txId(), tx.at(),
                tx.caller().actor());
        tx.ledger().put(Keys.renewal(r.nodeId(), r.sequence()), renewal);
        tx.ledger().emit(RenewalAnchored.NAME, new RenewalAnchored(tx.txId(), r.nodeId(), r.sequence(),
                r.algorithm(), r.treeSize(), r.rootHash(), r.logTreeSize()));
        return renewal;
    }

    private static Valid validate(RenewalRequest q) {
        String nodeId = Fields.nodeId("nodeId", q.nodeId());
        long sequence = required("sequence", q.sequence());
        if (sequence < 1 || sequence > Integer.MAX_VALUE) {
            throw Fields.invalid("sequence", "must be between 1 and " + Integer.MAX_VALUE + ", got " + sequence);
        }
        String algorithm = algorithm("algorithm", q.algorithm());
        long logTreeSize = required("logTreeSize", q.logTreeSize());
        if (logTreeSize < 1) {
            throw Fields.invalid("logTreeSize", "must be at least 1 (a renewal of an empty log proves nothing), got "
                    + logTreeSize);
        }
        long treeSize = required("treeSize", q.treeSize());
        if (treeSize != logTreeSize + 1) {
            throw Fields.invalid("treeSize", "must be logTreeSize + 1 = " + (logTreeSize + 1)
                    + " (leaf 0 links to the previous evidence, leaf i + 1 renews log leaf i), got " + treeSize);
        }
        String rootHash = Fields.hash("rootHash", q.rootHash());
        String logRootHash = Fields.hash("logRootHash", q.logRootHash());
        List<byte[]> proof = proof(q.logConsistencyProof());
        RenewalPrevious previous = q.previous();
        if (sequence == 1 && previous != null) {
            throw Fields.invalid("previous", "must be null for renewal 1");
        }
        if (sequence > 1) {
            if (previous == null) {
                throw Fields.invalid("previous", "is required for renewal " + sequence);
            }
            long prevSize = required("previous.treeSize", previous.treeSize());
            if (prevSize < 2) {
                throw Fields.invalid("previous.treeSize", "must be at least 2, got " + prevSize);
            }
            previous = new RenewalPrevious(algorithm("previous.algorithm", previous.algorithm()), prevSize,
                    Fields.hash("previous.rootHash", previous.rootHash()));
        }
        byte[] signature = Fields.base64("signature", q.signature());
        try {
            Sm2Verifier.requireDer(signature);
        } catch (CryptoFormatException e) {
            throw Fields.invalid("signature", e.getMessage());
        }
        return new Valid(nodeId, sequence, algorithm, treeSize, rootHash, logTreeSize, logRootHash, proof, previous,
                signature, q.signature());
    }

    private static long required(String field, Long value) {
        if (value == null) {
            throw Fields.invalid(field, "is required");
        }
        return value;
    }

    private static String algorithm(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw Fields.invalid(field, "is required");
        }
        if (!ALGORITHMS.contains(value)) {
            throw Fields.invalid(field, "unknown algorithm '" + Fields.shorten(value) + "', must be one of "
                    + ALGORITHM_LIST);
        }
        return value;
    }

    private static List<byte[]> proof(List<String> hashes) {
        if (hashes == null) {
            throw Fields.invalid("logConsistencyProof", "is required ([] when logTreeSize is the checkpoint's)");
        }
        if (hashes.size() > MAX_PROOF_HASHES) {
            throw Fields.invalid("logConsistencyProof", "has " + hashes.size() + " hashes, at most "
                    + MAX_PROOF_HASHES);
        }
        List<byte[]> out = new ArrayList<>(hashes.size());
        for (int i = 0; i < hashes.size(); i++) {
            out.add(decode(Fields.hash("logConsistencyProof[" + i + "]", hashes.get(i))));
        }
        return out;
    }

    /** The signature verifies over renewal encoding v1 with a NODE key of the node valid now. */
    private SignerKey requireSignature(Tx tx, Valid r) {
        RenewalPrevious p = r.previous();
        byte[] message = RenewalEncoding.encode(r.nodeId(), r.sequence(), r.algorithm(), r.treeSize(),
                decode(r.rootHash()), r.logTreeSize(), decode(r.logRootHash()), p == null ? null : p.algorithm(),
                p == null ? 0 : p.treeSize(), p == null ? null : decode(p.rootHash()));
        SealVerifier verifier = new SealVerifier(tx, registry, cache);
        List<SignerKey> keys = registry.byNode(tx, r.nodeId()).stream()
                .filter(k -> KeyValidity.isValidAt(k, tx.time()))
                .toList();
        if (keys.isEmpty()) {
            throw ErrorCode.INVALID_SIGNATURE.error("no NODE key of node " + r.nodeId() + " is valid at " + tx.at());
        }
        return keys.stream().filter(k -> verifier.verifies(k, message, r.signature())).findFirst()
                .orElseThrow(() -> ErrorCode.INVALID_SIGNATURE.error("signature: does not verify with any valid "
                        + "NODE key of node " + r.nodeId()));
    }

    /**
     * The log tree the renewal covers is the node's anchored checkpoint, or a prefix of it: an SM3
     * consistency proof (RFC 9162 §2.1.4.2) from (logTreeSize, logRootHash) to the checkpoint. A
     * prefix is accepted so that the checkpointer may anchor while a renewal is being built.
     */
    private static void requireAnchoredLog(Tx tx, Valid r) {
        Checkpoint cp = tx.ledger().get(Keys.checkpoint(r.nodeId()), Checkpoint.class);
        if (cp == null) {
            throw ErrorCode.CONFLICT.error("node " + r.nodeId() + " has no anchored checkpoint to renew");
        }
        String prefix = "the log tree (" + r.logTreeSize() + ", " + r.logRootHash() + ") is not the anchored "
                + "checkpoint of node " + r.nodeId() + " (" + cp.treeSize() + ", " + cp.rootHash() + ") or a prefix "
                + "of it: ";
        if (r.logTreeSize() > cp.treeSize()) {
            throw ErrorCode.CONFLICT.error(prefix + "it is larger");
        }
        if (r.logTreeSize() == cp.treeSize()) {
            if (!r.logProof().isEmpty()) {
                throw Fields.invalid("logConsistencyProof", "must be [] when logTreeSize is the checkpoint's");
            }
            if (!r.logRootHash().equals(cp.rootHash())) {
                throw ErrorCode.CONFLICT.error(prefix + "the roots differ");
            }
            return;
        }
        try {
            ConsistencyVerifier.SM3.verify(r.logTreeSize(), cp.treeSize(), r.logProof(), decode(r.logRootHash()),
                    decode(cp.rootHash()));
        } catch (ConsistencyVerifier.InconsistentException e) {
            throw ErrorCode.CONFLICT.error(prefix + e.getMessage());
        }
    }

    Renewal get(Tx tx, String nodeIdText, String sequenceText) {
        String nodeId = Fields.nodeId("nodeId", nodeIdText);
        long sequence = Fields.nonNegativeLong("sequence", sequenceText);
        Renewal r = sequence < 1 || sequence > Integer.MAX_VALUE ? null
                : tx.ledger().get(Keys.renewal(nodeId, sequence), Renewal.class);
        if (r == null) {
            throw ErrorCode.NOT_FOUND.error("no renewal " + sequence + " of node " + nodeId);
        }
        return r;
    }

    /** All renewals of a node, in sequence order (empty when none). */
    List<Renewal> all(Tx tx, String nodeIdText) {
        String nodeId = Fields.nodeId("nodeId", nodeIdText);
        List<Renewal> out = new ArrayList<>();
        for (CompositeKey key : tx.ledger().keysUnder(Keys.RENEWAL, nodeId)) {
            out.add(tx.ledger().get(key.toString(), Renewal.class));
        }
        return out;
    }

    private static byte[] decode(String hex) {
        try {
            return Hex.decode(hex);
        } catch (CryptoFormatException e) {
            throw new IllegalStateException(e); // validated as hex before
        }
    }
}
