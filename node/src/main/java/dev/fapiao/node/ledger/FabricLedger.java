package dev.fapiao.node.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.protos.common.BlockchainInfo;

/**
 * {@link Ledger} over the Fabric Gateway: the only place that names chaincode functions. Every
 * submission goes through {@link #submit}, every query through {@link #evaluate}, which sort the
 * failures once: a chaincode error is a {@link ChaincodeRefusedException}, anything else a
 * {@link LedgerUnavailableException}.
 */
final class FabricLedger implements Ledger {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Contract fapiao;
    private final Contract qscc;
    private final Network network;
    private final String chaincode;
    private final AutoCloseable owned;
    private final EventDecoder decoder = new EventDecoder();

    /** {@code owned} is closed with the ledger (null: the connection belongs to someone else). */
    FabricLedger(LedgerConnection connection, AutoCloseable owned) {
        this.network = connection.network();
        this.fapiao = connection.contract();
        this.qscc = network.getContract("qscc");
        this.chaincode = connection.settings().chaincode();
        this.owned = owned;
    }

    // ---------------------------------------------------------------- anchoring and transitions

    @Override
    public LedgerBatch anchorBatch(List<String> anchors, Consumer<String> onSubmitted)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        StringBuilder sb = new StringBuilder(anchors.size() * 400 + 2).append('[');
        for (int i = 0; i < anchors.size(); i++) {
            sb.append(i > 0 ? "," : "").append(anchors.get(i));
        }
        Submitted tx = submit("anchorBatch", onSubmitted, sb.append(']').toString());
        return new LedgerBatch(tx.txId(), tx.blockNumber(), tx.result());
    }

    @Override
    public Transition.Result transition(Transition t, Consumer<String> onSubmitted)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        Submitted tx = submit("transition", onSubmitted, t.invoiceId(), t.action(), t.reason(), t.ref());
        return new Transition.Result(tx.txId(), tx.blockNumber(), InvoiceRecord.from(read("transition", tx.result())));
    }

    @Override
    public Committed anchorCheckpoint(String nodeId, long treeSize, String rootHash, String signature,
            List<String> consistencyProof) throws ChaincodeRefusedException, LedgerUnavailableException {
        ArrayNode proof = JSON.createArrayNode();
        consistencyProof.forEach(proof::add);
        return submit("anchorCheckpoint", null, nodeId, Long.toString(treeSize), rootHash, signature,
                proof.toString()).committed();
    }

    @Override
    public Committed anchorRenewal(RenewalRequest request)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        return submit("anchorRenewal", null, json(request)).committed();
    }

    // ---------------------------------------------------------------- signer registry

    @Override
    public SignerRecord registerSigner(SignerRegistration r)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        return SignerRecord.from(read("registerSigner", submit("registerSigner", null, json(r)).result()));
    }

    @Override
    public JsonNode rotateSigner(SignerRotation r) throws ChaincodeRefusedException, LedgerUnavailableException {
        return read("rotateSigner", submit("rotateSigner", null, json(r)).result());
    }

    @Override
    public SignerRecord registerSigner(JsonNode request) throws ChaincodeRefusedException, LedgerUnavailableException {
        return SignerRecord.from(read("registerSigner", submit("registerSigner", null, json(request)).result()));
    }

    @Override
    public JsonNode rotateSigner(JsonNode request) throws ChaincodeRefusedException, LedgerUnavailableException {
        return read("rotateSigner", submit("rotateSigner", null, json(request)).result());
    }

    @Override
    public SignerRecord revokeSigner(String keyId, String revokedAt, String reason)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        return SignerRecord.from(read("revokeSigner", submit("revokeSigner", null, keyId, revokedAt, reason).result()));
    }

    @Override
    public Optional<SignerRecord> signer(String keyId) throws ChaincodeRefusedException, LedgerUnavailableException {
        return orEmpty("getSigner", keyId).map(SignerRecord::from);
    }

    @Override
    public List<SignerRecord> signersByOwner(String ownerCode)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        List<SignerRecord> out = new ArrayList<>();
        for (JsonNode s : read("getSignersByOwner", evaluate("getSignersByOwner", ownerCode))) {
            out.add(SignerRecord.from(s));
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- queries

    @Override
    public Optional<InvoiceRecord> invoice(String invoiceId)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        return orEmpty("getInvoice", invoiceId).map(InvoiceRecord::from);
    }

    @Override
    public List<LedgerVersion<InvoiceRecord>> invoiceHistory(String invoiceId)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        return history("getInvoiceHistory", invoiceId, InvoiceRecord::from);
    }

    @Override
    public List<LedgerVersion<CheckpointRecord>> checkpointHistory(String nodeId)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        return history("getCheckpointHistory", nodeId, CheckpointRecord::from);
    }

    @Override
    public List<LedgerVersion<SignerRecord>> signerHistory(String keyId)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        return history("getSignerHistory", keyId, SignerRecord::from);
    }

    /** A history query's {@code [{txId, timestamp, deleted, value}]}, each value read by {@code record}. */
    private <T> List<LedgerVersion<T>> history(String function, String key, Function<JsonNode, T> record)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        List<LedgerVersion<T>> out = new ArrayList<>();
        for (JsonNode h : read(function, evaluate(function, key))) {
            out.add(new LedgerVersion<>(h.path("txId").asText(), h.path("timestamp").asText(),
                    h.path("deleted").asBoolean(), record.apply(h.path("value"))));
        }
        return List.copyOf(out);
    }

    @Override
    public Optional<LedgerCheckpoint> latestCheckpoint(String nodeId) throws LedgerUnavailableException {
        try {
            return orEmpty("getCheckpoint", nodeId).map(c ->
                    new LedgerCheckpoint(c.path("treeSize").asLong(), c.path("rootHash").asText()));
        } catch (ChaincodeRefusedException e) {
            throw new LedgerUnavailableException("getCheckpoint failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<LedgerRenewal> renewals(String nodeId) throws LedgerUnavailableException {
        byte[] out;
        try {
            out = evaluate("getRenewals", nodeId);
        } catch (ChaincodeRefusedException e) {
            throw new LedgerUnavailableException("getRenewals failed: " + e.getMessage(), e);
        }
        try {
            return Arrays.asList(JSON.readValue(out, LedgerRenewal[].class));
        } catch (IOException e) {
            throw new LedgerUnavailableException("getRenewals returned malformed JSON: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- blocks and events

    @Override
    public byte[] blockByTxId(String txId) throws LedgerUnavailableException {
        try {
            return qscc.evaluateTransaction("GetBlockByTxID", network.getName(), txId);
        } catch (GatewayException e) {
            throw new LedgerUnavailableException("GetBlockByTxID " + txId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long chainHeight() throws LedgerUnavailableException {
        try {
            return BlockchainInfo.parseFrom(qscc.evaluateTransaction("GetChainInfo", network.getName())).getHeight();
        } catch (GatewayException | InvalidProtocolBufferException e) {
            throw new LedgerUnavailableException("GetChainInfo: " + e.getMessage(), e);
        }
    }

    @Override
    public EventStream events(long startBlock) {
        CloseableIterator<ChaincodeEvent> it;
        try {
            it = network.newChaincodeEventsRequest(chaincode).startBlock(startBlock).build().getEvents();
        } catch (GatewayRuntimeException e) {
            throw new StreamBrokenException("cannot follow the chaincode events: " + e.getMessage(), e);
        }
        return new EventStream() {
            @Override
            public boolean hasNext() {
                try {
                    return it.hasNext();
                } catch (GatewayRuntimeException e) {
                    throw new StreamBrokenException(e.getMessage(), e);
                }
            }

            @Override
            public LedgerEvent next() {
                ChaincodeEvent e;
                try {
                    e = it.next();
                } catch (GatewayRuntimeException x) {
                    throw new StreamBrokenException(x.getMessage(), x);
                }
                return decoder.decode(e.getEventName(), e.getTransactionId(), e.getBlockNumber(), e.getPayload());
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the ledger connection failed: " + e.getMessage(), e);
            }
        }
    }

    // ---------------------------------------------------------------- the one submit and query path

    private record Submitted(String txId, long blockNumber, byte[] result) {
        Committed committed() {
            return new Committed(txId, blockNumber);
        }
    }

    /** Endorse, order, wait for the commit; {@code onSubmitted} (may be null) hears the id once ordered. */
    private Submitted submit(String function, Consumer<String> onSubmitted, String... args)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        try {
            SubmittedTransaction tx = fapiao.newProposal(function).addArguments(args).build().endorse().submitAsync();
            if (onSubmitted != null) {
                onSubmitted.accept(tx.getTransactionId());
            }
            Status status = tx.getStatus();
            if (!status.isSuccessful()) {
                // e.g. MVCC_READ_CONFLICT: the input is still valid; try again
                throw new LedgerUnavailableException(function + " transaction " + status.getTransactionId()
                        + " committed as invalid: " + status.getCode(), null, status.getTransactionId());
            }
            return new Submitted(tx.getTransactionId(), status.getBlockNumber(), tx.getResult());
        } catch (EndorseException e) {
            ChaincodeError error = ChaincodeError.of(e);
            if (error != null) {
                throw new ChaincodeRefusedException(error);
            }
            throw new LedgerUnavailableException("endorsement failed: " + e.getMessage(), e);
        } catch (SubmitException | CommitStatusException e) {
            throw new LedgerUnavailableException("ordering or commit status failed: " + describe(e), e);
        }
    }

    private byte[] evaluate(String function, String... args)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        try {
            return fapiao.evaluateTransaction(function, args);
        } catch (GatewayException e) {
            ChaincodeError error = ChaincodeError.of(e);
            if (error != null) {
                throw new ChaincodeRefusedException(error);
            }
            throw new LedgerUnavailableException(function + " failed: " + e.getMessage(), e);
        }
    }

    /** A query whose {@code NOT_FOUND} means "none". */
    private Optional<JsonNode> orEmpty(String function, String arg)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        try {
            return Optional.of(read(function, evaluate(function, arg)));
        } catch (ChaincodeRefusedException e) {
            if (e.code().equals("NOT_FOUND")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static JsonNode read(String function, byte[] out) throws LedgerUnavailableException {
        try {
            return JSON.readTree(new String(out, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new LedgerUnavailableException(function + " returned malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(GatewayException e) {
        ChaincodeError error = ChaincodeError.of(e);
        return error != null ? error.message() : e.getMessage();
    }
}
