package dev.fapiao.node.evidence;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;

/** A Fabric transaction and the whole block that holds it (base64 of the Block protobuf). */
public record BlockEvidence(String txId, long blockNumber, int txIndex, String block) {
    /** Its JSON shape. */
    public static final JsonShape SHAPE = JsonShape.object().required("txId", JsonShape.STRING)
            .required("blockNumber", JsonShape.LONG).required("txIndex", JsonShape.INT)
            .required("block", JsonShape.STRING).build();

    /**
     * The evidence of {@code txId} from the raw block that holds it (as the ledger's
     * {@code BlockSource.blockByTxId} returns it): the block number and the transaction's index.
     *
     * @throws IOException when the bytes are not a block or the block does not hold {@code txId}
     */
    public static BlockEvidence of(String txId, byte[] raw) throws IOException {
        Block block = Block.parseFrom(raw);
        List<ByteString> data = block.getData().getDataList();
        for (int i = 0; i < data.size(); i++) {
            try {
                Payload p = Payload.parseFrom(Envelope.parseFrom(data.get(i)).getPayload());
                if (ChannelHeader.parseFrom(p.getHeader().getChannelHeader()).getTxId().equals(txId)) {
                    return new BlockEvidence(txId, block.getHeader().getNumber(), i,
                            Base64.getEncoder().encodeToString(raw));
                }
            } catch (InvalidProtocolBufferException e) {
                // not an envelope we can read; keep looking
            }
        }
        throw new IOException("block " + block.getHeader().getNumber() + " does not hold transaction " + txId);
    }
}
