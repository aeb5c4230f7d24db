package dev.fapiao.chaincode.ledger;

import org.hyperledger.fabric.shim.ledger.CompositeKey;

/** The composite keys of the ledger model (attributes must already be validated). */
public final class Keys {

    public static final String INVOICE = "invoice";
    public static final String ISSUER_DATE = "issuer~date";
    public static final String SIGNER = "signer";
    public static final String CODE_SIGNER = "code~signer";
    public static final String NODE_SIGNER = "node~signer";
    public static final String CHECKPOINT = "checkpoint";
    public static final String RENEWAL = "renewal";

    private Keys() {
    }

    public static String invoice(String invoiceId) {
        return new CompositeKey(INVOICE, invoiceId).toString();
    }

    public static String issuerDate(String issuer, String yyyymmdd, String invoiceId) {
        return new CompositeKey(ISSUER_DATE, issuer, yyyymmdd, invoiceId).toString();
    }

    public static String signer(String keyId) {
        return new CompositeKey(SIGNER, keyId).toString();
    }

    public static String codeSigner(String code, String keyId) {
        return new CompositeKey(CODE_SIGNER, code, keyId).toString();
    }

    public static String nodeSigner(String nodeId, String keyId) {
        return new CompositeKey(NODE_SIGNER, nodeId, keyId).toString();
    }

    public static String checkpoint(String nodeId) {
        return new CompositeKey(CHECKPOINT, nodeId).toString();
    }

    /** The sequence as 10 decimal digits, so that key order is sequence order. */
    public static String renewal(String nodeId, long sequence) {
        return new CompositeKey(RENEWAL, nodeId, renewalSequence(sequence)).toString();
    }

    public static String renewalSequence(long sequence) {
        return String.format(java.util.Locale.ROOT, "%010d", sequence);
    }
}
