package dev.fapiao.chaincode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.chaincode.crypto.PublicKeyCache;
import dev.fapiao.chaincode.event.AnchoredItem;
import dev.fapiao.chaincode.event.InvoicesAnchored;
import dev.fapiao.chaincode.ledger.Json;
import dev.fapiao.chaincode.ledger.Keys;
import dev.fapiao.chaincode.model.Anchor;
import dev.fapiao.chaincode.model.BatchResult;
import dev.fapiao.chaincode.model.InvoiceRecord;
import dev.fapiao.chaincode.model.InvoiceStatus;
import dev.fapiao.chaincode.rules.AccessPolicy;
import dev.fapiao.chaincode.rules.ErrorCode;
import dev.fapiao.chaincode.rules.Fields;
import dev.fapiao.chaincode.rules.InvoiceId;
import dev.fapiao.chaincode.rules.LedgerException;
import dev.fapiao.chaincode.rules.Times;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** anchorInvoice and anchorBatch. */
final class InvoiceAnchoring {

    static final int MAX_BATCH = 500;

    private final SignerRegistry registry;
    private final PublicKeyCache cache;

    InvoiceAnchoring(SignerRegistry registry, PublicKeyCache cache) {
        this.registry = registry;
        this.cache = cache;
    }

    InvoiceRecord anchorOne(Tx tx, String json) {
        AccessPolicy.requireEnterprise(tx.caller(), "anchorInvoice");
        Anchor anchor = Json.argument("anchor", json, Anchor.class);
        return anchorAll(tx, List.of(anchor), false).records().get(0);
    }

    BatchResult anchorBatch(Tx tx, String json) {
        AccessPolicy.requireEnterprise(tx.caller(), "anchorBatch");
        JsonNode array = Json.argumentTree("anchors", json);
        if (!array.isArray()) {
            throw Fields.invalid("anchors", "must be a JSON array of anchors");
        }
        if (array.isEmpty() || array.size() > MAX_BATCH) {
            throw Fields.invalid("anchors", "a batch holds 1 to " + MAX_BATCH + " anchors, got " + array.size());
        }
        List<Anchor> anchors = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            try {
                anchors.add(Json.convert("anchor", array.get(i), Anchor.class));
            } catch (LedgerException e) {
                throw e.prefixed(itemPrefix(i, array.get(i).path("invoiceId").asText("?")));
            }
        }
        return anchorAll(tx, anchors, true);
    }

    private BatchResult anchorAll(Tx tx, List<Anchor> anchors, boolean batch) {
        SealVerifier seals = new SealVerifier(tx, registry, cache);
        Map<String, InvoiceRecord> thisTx = new HashMap<>();
        Map<String, InvoiceRecord> committed = committed(tx, anchors);
        List<InvoiceRecord> records = new ArrayList<>(anchors.size());
        List<AnchoredItem> anchored = new ArrayList<>();
        int unchanged = 0;
        for (int i = 0; i < anchors.size(); i++) {
            Anchor anchor = anchors.get(i);
            try {
                ValidAnchor valid = ValidAnchor.of(anchor);
                byte[] message = valid.sealBytes();
                for (int s = 0; s < valid.signatures().size(); s++) {
                    seals.verify("signatures[" + s + "]", valid.signatures().get(s).keyId(),
                            valid.signatureBytes().get(s), valid.id().issuer(), valid.issueTime(), message);
                }
                String id = valid.id().value();
                String key = Keys.invoice(id);
                InvoiceRecord existing = thisTx.containsKey(id) ? thisTx.get(id)
                        : committed.containsKey(key) ? committed.get(key) : tx.ledger().get(key, InvoiceRecord.class);
                if (existing != null) {
                    if (!sameContent(existing, valid)) {
                        throw ErrorCode.CONFLICT.error("invoice " + id
                                + " is already anchored with different content (tx " + existing.anchoredTxId() + ")");
                    }
                    records.add(existing);
                    unchanged++;
                    continue;
                }
                InvoiceRecord record = newRecord(tx, valid);
                tx.ledger().put(key, record);
                tx.ledger().putIndex(Keys.issuerDate(record.issuer(),
                        Times.basicDate(Times.cstDate(valid.issueTime())), id));
                thisTx.put(id, record);
                records.add(record);
                anchored.add(new AnchoredItem(id, record.docHash(), record.metaHash(), record.retainUntil()));
            } catch (LedgerException e) {
                throw batch ? e.prefixed(itemPrefix(i, anchor.invoiceId())) : e;
            }
        }
        if (!anchored.isEmpty()) {
            tx.ledger().emit(InvoicesAnchored.NAME, new InvoicesAnchored(tx.txId(), anchored));
        }
        return new BatchResult(anchored.size(), unchanged, records);
    }

    /**
     * The committed records of the anchors' invoice ids, read in one round trip (GET_STATE_MULTIPLE)
     * instead of one per invoice; up to the first malformed id, which the loop then reports in place.
     */
    private static Map<String, InvoiceRecord> committed(Tx tx, List<Anchor> anchors) {
        List<String> keys = new ArrayList<>(anchors.size());
        for (Anchor a : anchors) {
            try {
                keys.add(Keys.invoice(InvoiceId.parse("invoiceId", a.invoiceId()).value()));
            } catch (RuntimeException malformed) {
                break;
            }
        }
        return tx.ledger().getAll(keys, InvoiceRecord.class);
    }

    private static InvoiceRecord newRecord(Tx tx, ValidAnchor v) {
        return new InvoiceRecord(v.id().value(), v.id().issuer(), v.id().number(), v.docHash(), v.metaHash(),
                Times.format(v.issueTime()), v.retainUntil().toString(), v.kind(), v.reverses(), v.signatures(),
                InvoiceStatus.ISSUED, false, tx.txId(), tx.at(), tx.caller().actor(), null);
    }

    /** Same hashes, issue time, retain-until, kind and reversed invoice (signatures may differ: SM2 is randomised). */
    static boolean sameContent(InvoiceRecord r, ValidAnchor v) {
        return r.docHash().equals(v.docHash())
                && r.metaHash().equals(v.metaHash())
                && r.issueTime().equals(Times.format(v.issueTime()))
                && r.retainUntil().equals(v.retainUntil().toString())
                && r.kind() == v.kind()
                && Objects.equals(r.reverses(), v.reverses());
    }

    private static String itemPrefix(int index, String invoiceId) {
        String id = invoiceId == null || invoiceId.isEmpty() ? "?" : Fields.shorten(invoiceId);
        return "item " + index + " (" + id + "): ";
    }
}
