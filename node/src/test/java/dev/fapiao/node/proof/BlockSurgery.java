package dev.fapiao.node.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;

/** Changed copies of a recorded bundle's blocks for the shared cases (forgeries the verifier must catch). */
final class BlockSurgery {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BlockSurgery() {
    }

    /** The anchoring block with its second endorsement replaced by a copy of the first (one MSP twice). */
    static String sameMspTwice(ObjectNode t) throws Exception {
        Block block = Block.parseFrom(Base64.getDecoder().decode(t.at("/anchoring/block").asText()));
        int idx = t.at("/anchoring/txIndex").asInt();
        Envelope env = Envelope.parseFrom(block.getData().getData(idx));
        Payload payload = Payload.parseFrom(env.getPayload());
        Transaction tx = Transaction.parseFrom(payload.getData());
        ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(tx.getActions(0).getPayload());
        var action = cap.getAction().toBuilder().setEndorsements(1, cap.getAction().getEndorsements(0));
        Transaction changed = tx.toBuilder().setActions(0, tx.getActions(0).toBuilder()
                .setPayload(cap.toBuilder().setAction(action).build().toByteString())).build();
        Envelope e = env.toBuilder().setPayload(payload.toBuilder().setData(changed.toByteString()).build().toByteString())
                .build();
        return Base64.getEncoder().encodeToString(block.toBuilder().setData(block.getData().toBuilder()
                .setData(idx, e.toByteString())).build().toByteArray());
    }

    static String invalidFlag(ObjectNode t) throws Exception {
        Block block = Block.parseFrom(Base64.getDecoder().decode(t.at("/anchoring/block").asText()));
        int idx = t.at("/anchoring/txIndex").asInt();
        byte[] flags = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).toByteArray();
        flags[idx] = 11; // MVCC_READ_CONFLICT
        return Base64.getEncoder().encodeToString(block.toBuilder().setMetadata(block.getMetadata().toBuilder()
                .setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE, ByteString.copyFrom(flags))).build()
                .toByteArray());
    }

    static String changedEnvelope(ObjectNode t) throws Exception {
        return changedEnvelope(t, "checkpoint.anchoring");
    }

    /** Envelope 0 of the block of evidence {@code at} (a dotted path) with one bit of its signature flipped. */
    static String changedEnvelope(ObjectNode t, String at) throws Exception {
        Block block = Block.parseFrom(Base64.getDecoder().decode(t.at("/" + at.replace('.', '/') + "/block").asText()));
        byte[] env = block.getData().getData(0).toByteArray();
        env[env.length - 3] ^= 1; // inside the envelope's signature
        return Base64.getEncoder().encodeToString(block.toBuilder().setData(block.getData().toBuilder()
                .setData(0, ByteString.copyFrom(env))).build().toByteArray());
    }

    /**
     * The registry block with the key record its transaction wrote changed ({@code field} set to
     * {@code value}): a forged registration, inside an envelope whose signatures no longer match.
     */
    static String registryRecordChanged(ObjectNode t, String field, JsonNode value) throws Exception {
        Block block = Block.parseFrom(Base64.getDecoder().decode(t.at("/enterpriseRegistration/block").asText()));
        int idx = t.at("/enterpriseRegistration/txIndex").asInt();
        String key = dev.fapiao.node.evidence.FabricEvidence.compositeKey("signer", t.at("/seal/enterprise/keyId").asText());
        Envelope env = Envelope.parseFrom(block.getData().getData(idx));
        Payload payload = Payload.parseFrom(env.getPayload());
        Transaction tx = Transaction.parseFrom(payload.getData());
        ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(tx.getActions(0).getPayload());
        ProposalResponsePayload prp = ProposalResponsePayload.parseFrom(cap.getAction().getProposalResponsePayload());
        ChaincodeAction action = ChaincodeAction.parseFrom(prp.getExtension());
        TxReadWriteSet rw = TxReadWriteSet.parseFrom(action.getResults());
        TxReadWriteSet.Builder rwb = rw.toBuilder();
        for (int n = 0; n < rw.getNsRwsetCount(); n++) {
            NsReadWriteSet ns = rw.getNsRwset(n);
            KVRWSet.Builder kv = KVRWSet.parseFrom(ns.getRwset()).toBuilder();
            for (int w = 0; w < kv.getWritesCount(); w++) {
                if (kv.getWrites(w).getKey().equals(key)) {
                    ObjectNode record = (ObjectNode) JSON.readTree(kv.getWrites(w).getValue().toStringUtf8());
                    record.set(field, value);
                    kv.setWrites(w, kv.getWrites(w).toBuilder()
                            .setValue(ByteString.copyFrom(record.toString(), StandardCharsets.UTF_8)));
                }
            }
            rwb.setNsRwset(n, ns.toBuilder().setRwset(kv.build().toByteString()));
        }
        ProposalResponsePayload prp2 = prp.toBuilder().setExtension(action.toBuilder()
                .setResults(rwb.build().toByteString()).build().toByteString()).build();
        var act = cap.getAction().toBuilder().setProposalResponsePayload(prp2.toByteString());
        Transaction changed = tx.toBuilder().setActions(0, tx.getActions(0).toBuilder()
                .setPayload(cap.toBuilder().setAction(act).build().toByteString())).build();
        Envelope e = env.toBuilder().setPayload(payload.toBuilder().setData(changed.toByteString()).build().toByteString())
                .build();
        return Base64.getEncoder().encodeToString(block.toBuilder().setData(block.getData().toBuilder()
                .setData(idx, e.toByteString())).build().toByteArray());
    }
}
