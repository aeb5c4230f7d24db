package dev.fapiao.node.replication;

import static dev.fapiao.node.replication.RefusedCopyException.Reason.DOC_HASH;
import static dev.fapiao.node.replication.RefusedCopyException.Reason.META_HASH;
import static dev.fapiao.node.replication.RefusedCopyException.Reason.RECORD;
import static dev.fapiao.node.replication.RefusedCopyException.Reason.SEAL_SIGNATURE;
import static dev.fapiao.node.replication.RefusedCopyException.Reason.UNKNOWN_SIGNER;

import dev.fapiao.node.crypto.Sm2;
import dev.fapiao.node.crypto.Sm2PublicKey;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.InvoiceRecord;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.ledger.SignerLedger;
import dev.fapiao.node.ledger.SignerRecord;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.SealRef;
import dev.fapiao.node.seal.SealEncoding;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checks a fetched copy passes before this node stores it, each against the ledger, never
 * against the node that sent it: the record names the anchored invoice, issue time and retain-until;
 * the document's SM3 is the anchored docHash; the metadata's SM3 is the anchored metaHash; the
 * copy's seal signatures are exactly the anchored ones and each verifies over the seal encoding of
 * the anchored values with its key from the signer registry. Registered keys are cached (one node
 * key seals thousands of invoices); an unknown key is asked again next time.
 */
public final class CopyCheck {

    private final SignerLedger registry;
    private final Map<String, SignerRecord> keys = new ConcurrentHashMap<>();

    public CopyCheck(SignerLedger registry) {
        this.registry = registry;
    }

    /** Returns normally when {@code copy} is the invoice {@code anchored} describes. */
    public void verify(Replica copy, InvoiceRecord anchored)
            throws RefusedCopyException, ChaincodeRefusedException, LedgerUnavailableException {
        ArchivedInvoice inv = copy.invoice();
        String id = anchored.invoiceId();
        same(id, RECORD, "invoiceId", id, inv.invoiceId());
        same(id, RECORD, "issuer + number", id, inv.issuer() + inv.number());
        Instant issueTime = Instant.parse(anchored.issueTime());
        LocalDate retainUntil = LocalDate.parse(anchored.retainUntil());
        same(id, RECORD, "issueTime", issueTime.toString(), inv.issueTime().toString());
        same(id, RECORD, "retainUntil", retainUntil.toString(), inv.retainUntil().toString());
        same(id, DOC_HASH, "docHash", anchored.docHash(), Sm3.hashHex(copy.document()));
        same(id, DOC_HASH, "record docHash", anchored.docHash(), inv.docHash());
        same(id, DOC_HASH, "documentSize", Long.toString(copy.document().length), Long.toString(inv.documentSize()));
        same(id, META_HASH, "metaHash", anchored.metaHash(),
                Sm3.hashHex(inv.metadataJson().getBytes(StandardCharsets.UTF_8)));
        same(id, META_HASH, "record metaHash", anchored.metaHash(), inv.metaHash());

        List<SealRef> seals = new ArrayList<>();
        seals.add(inv.seal());
        inv.enterpriseSeal().ifPresent(seals::add);
        List<String> served = seals.stream().map(s -> s.keyId() + ":" + s.signature()).toList();
        List<String> onChain = anchored.signatures().stream().map(s -> s.keyId() + ":" + s.signature()).toList();
        if (!served.equals(onChain)) {
            throw new RefusedCopyException(SEAL_SIGNATURE, id, "the anchored signatures " + keyIds(onChain),
                    keyIds(served));
        }
        HexFormat hex = HexFormat.of();
        byte[] encoding = SealEncoding.encode(id, hex.parseHex(anchored.docHash()), hex.parseHex(anchored.metaHash()),
                issueTime, retainUntil);
        for (SealRef s : seals) {
            SignerRecord key = key(s.keyId()).orElseThrow(
                    () -> new RefusedCopyException(UNKNOWN_SIGNER, id, "a key of the signer registry", s.keyId()));
            if (!verifies(key, s, encoding)) {
                throw new RefusedCopyException(SEAL_SIGNATURE, id, "a valid SM2 signature by " + s.keyId(),
                        "a signature that does not verify");
            }
        }
    }

    private static boolean verifies(SignerRecord key, SealRef seal, byte[] encoding) {
        try {
            Sm2PublicKey pub = Sm2PublicKey.fromPem(key.publicKey());
            String userId = key.userId() == null ? Sm2.DEFAULT_USER_ID : key.userId();
            return pub.keyId().equals(seal.keyId())
                    && Sm2Verifier.of(pub).withUserId(userId).verify(encoding, Base64.getDecoder().decode(seal.signature()));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    private Optional<SignerRecord> key(String keyId) throws ChaincodeRefusedException, LedgerUnavailableException {
        SignerRecord cached = keys.get(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<SignerRecord> found = registry.signer(keyId);
        found.ifPresent(r -> keys.put(keyId, r));
        return found;
    }

    private static void same(String id, RefusedCopyException.Reason reason, String what, String expected,
                             String actual) throws RefusedCopyException {
        if (!expected.equals(actual)) {
            throw new RefusedCopyException(reason, id, what + " " + expected, actual);
        }
    }

    private static String keyIds(List<String> signatures) {
        return signatures.stream().map(s -> s.substring(0, Math.min(12, s.indexOf(':')))).toList().toString();
    }
}
