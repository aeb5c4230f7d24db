package dev.fapiao.chaincode;

import dev.fapiao.chaincode.crypto.PublicKeyCache;
import dev.fapiao.chaincode.ledger.Json;
import dev.fapiao.chaincode.ledger.Ledger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The {@code fapiao} contract (docs/ledger-model.md): every argument is a string, every result a
 * deterministic JSON string, every refusal a {@link ChaincodeException} whose message starts with
 * a stable code.
 */
@Contract(name = "fapiao", info = @Info(title = "Fapiao ledger archive", version = "1"))
@Default
public final class FapiaoContract implements ContractInterface {

    private static final Logger LOG = Logger.getLogger(FapiaoContract.class.getName());
    static final int KEY_CACHE_SIZE = 1024;

    /** Multi-key reads and batched writes over the shim's stream (ServerSettings.STATE_BATCH). */
    private final boolean stateBatch = ServerSettings.stateBatch(System.getenv());
    private final PublicKeyCache keyCache = new PublicKeyCache(KEY_CACHE_SIZE);
    private final SignerRegistry signers = new SignerRegistry();
    private final InvoiceAnchoring anchoring = new InvoiceAnchoring(signers, keyCache);
    private final InvoiceTransitions transitions = new InvoiceTransitions();
    private final InvoiceQueries queries = new InvoiceQueries();
    private final CheckpointLedger checkpoints = new CheckpointLedger(signers, keyCache);
    private final RenewalLedger renewals = new RenewalLedger(signers, keyCache);

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String registerSigner(Context ctx, String registration) {
        return run(ctx, tx -> signers.register(tx, registration));
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String rotateSigner(Context ctx, String rotation) {
        return run(ctx, tx -> signers.rotate(tx, rotation));
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String revokeSigner(Context ctx, String keyId, String revokedAt, String reason) {
        return run(ctx, tx -> signers.revoke(tx, keyId, revokedAt, reason));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getSigner(Context ctx, String keyId) {
        return run(ctx, tx -> signers.get(tx, keyId));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getSignersByOwner(Context ctx, String ownerCode) {
        return run(ctx, tx -> signers.byOwner(tx, ownerCode));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getSignerHistory(Context ctx, String keyId) {
        return run(ctx, tx -> signers.history(tx, keyId));
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String anchorInvoice(Context ctx, String anchor) {
        return run(ctx, tx -> anchoring.anchorOne(tx, anchor));
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String anchorBatch(Context ctx, String anchors) {
        return run(ctx, tx -> anchoring.anchorBatch(tx, anchors));
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String transition(Context ctx, String invoiceId, String action, String reason, String ref) {
        return run(ctx, tx -> transitions.transition(tx, invoiceId, action, reason, ref));
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String anchorCheckpoint(Context ctx, String nodeId, String treeSize, String rootHash, String signature,
            String consistencyProof) {
        return run(ctx, tx -> checkpoints.anchor(tx, nodeId, treeSize, rootHash, signature, consistencyProof));
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String anchorRenewal(Context ctx, String renewal) {
        return run(ctx, tx -> renewals.anchor(tx, renewal));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getRenewal(Context ctx, String nodeId, String sequence) {
        return run(ctx, tx -> renewals.get(tx, nodeId, sequence));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getRenewals(Context ctx, String nodeId) {
        return run(ctx, tx -> renewals.all(tx, nodeId));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getInvoice(Context ctx, String invoiceId) {
        return run(ctx, tx -> queries.get(tx, invoiceId));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getInvoiceHistory(Context ctx, String invoiceId) {
        return run(ctx, tx -> queries.history(tx, invoiceId));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String queryInvoicesByIssuer(Context ctx, String issuer, String fromDate, String toDate, String pageSize,
            String bookmark) {
        return run(ctx, tx -> queries.byIssuer(tx, issuer, fromDate, toDate, pageSize, bookmark));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getCheckpoint(Context ctx, String nodeId) {
        return run(ctx, tx -> checkpoints.get(tx, nodeId));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getCheckpointHistory(Context ctx, String nodeId) {
        return run(ctx, tx -> checkpoints.history(tx, nodeId));
    }

    @Override
    public void unknownTransaction(Context ctx) {
        throw new ChaincodeException("INVALID_ARGUMENT: function: unknown function '"
                + ctx.getStub().getFunction() + "'");
    }

    /** Builds the transaction view, runs the call and serialises its result. */
    private String run(Context ctx, Function<Tx, Object> call) {
        try {
            Ledger ledger = new Ledger(ctx.getStub(), stateBatch);
            Tx tx = new Tx(ledger, CallerResolver.resolve(ctx), ledger.txTime());
            Object result = call.apply(tx);
            ledger.flush(); // the write set, once the call has succeeded
            return Json.text(result);
        } catch (ChaincodeException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "internal error", e);
            throw new ChaincodeException("INTERNAL: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
