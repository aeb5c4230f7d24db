package dev.fapiao.node.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;

/**
 * Offline checks of one Fabric transaction inside its raw block: the block's data hash, the
 * orderer's block signature, the creator's and endorsers' signatures (identities chained to the
 * trust file's MSP roots), one key of the {@code fapiao} namespace's write set, and the (unsigned)
 * validation flag. Check names are {@code <prefix>-block.*} and {@code <prefix>-tx.*}.
 */
public final class FabricEvidence {
    static final String NAMESPACE = "fapiao";
    /** P-256 group order; Fabric accepts only signatures with s ≤ n/2. */
    private static final BigInteger P256_N =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final ObjectMapper JSON = new ObjectMapper();

    private FabricEvidence() {
    }

    /** Fabric's composite key {@code \u0000type\u0000attr...\u0000}. */
    public static String compositeKey(String type, String... attributes) {
        StringBuilder b = new StringBuilder().append('\u0000').append(type).append('\u0000');
        for (String a : attributes) {
            b.append(a).append('\u0000');
        }
        return b.toString();
    }

    /** SHA-256 over the concatenated envelopes (Fabric protoutil.BlockDataHash). */
    static byte[] dataHash(Block block) {
        MessageDigest sha = sha256();
        for (ByteString env : block.getData().getDataList()) {
            sha.update(env.toByteArray());
        }
        return sha.digest();
    }

    /** ASN.1 DER of (number, previous_hash, data_hash): Fabric protoutil.BlockHeaderBytes. */
    static byte[] headerBytes(BlockHeader h) {
        try {
            return new DERSequence(new ASN1Encodable[] {
                new ASN1Integer(new BigInteger(Long.toUnsignedString(h.getNumber()))),
                new DEROctetString(h.getPreviousHash().toByteArray()),
                new DEROctetString(h.getDataHash().toByteArray())}).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs all checks for {@code ev}. {@code writeCheck} receives the JSON value written to
     * {@code key} and returns null when it is as expected, else the reason.
     */
    public static List<CheckResult> verify(String prefix, BlockEvidence ev, TrustAnchors trust, String key,
            Function<JsonNode, String> writeCheck) {
        List<CheckResult> out = new ArrayList<>();
        String blk = prefix + "-block";
        String tx = prefix + "-tx";
        Block block;
        try {
            block = Block.parseFrom(Base64.getDecoder().decode(ev.block()));
            if (!block.hasHeader() || !block.hasData() || !block.hasMetadata()) {
                throw new InvalidProtocolBufferException("header, data or metadata missing");
            }
        } catch (IllegalArgumentException | InvalidProtocolBufferException | NullPointerException e) {
            out.add(CheckResult.fail(blk + ".decode", "not a base64 Fabric block: " + e.getMessage()));
            return out;
        }
        // 1. data hash
        byte[] computed = dataHash(block);
        if (MessageDigest.isEqual(computed, block.getHeader().getDataHash().toByteArray())) {
            out.add(CheckResult.pass(blk + ".data-hash", "SHA-256 over " + block.getData().getDataCount()
                    + " envelopes equals the header's data hash"));
        } else {
            out.add(CheckResult.fail(blk + ".data-hash", "SHA-256 over the envelopes is " + hex(computed)
                    + ", the header says " + hex(block.getHeader().getDataHash().toByteArray())));
        }
        if (block.getHeader().getNumber() != ev.blockNumber()) {
            out.add(CheckResult.fail(blk + ".number", "block is number " + block.getHeader().getNumber()
                    + ", bundle says " + ev.blockNumber()));
        } else {
            out.add(CheckResult.pass(blk + ".number", "block " + ev.blockNumber()));
        }
        // 2. orderer signature
        out.add(ordererSignature(blk + ".orderer-signature", block, trust));
        // 3. the transaction
        Envelope env;
        Payload payload;
        ChannelHeader ch;
        SignatureHeader sh;
        try {
            if (ev.txIndex() < 0 || ev.txIndex() >= block.getData().getDataCount()) {
                throw new InvalidProtocolBufferException("transaction index " + ev.txIndex() + " not in block of "
                        + block.getData().getDataCount());
            }
            env = Envelope.parseFrom(block.getData().getData(ev.txIndex()));
            payload = Payload.parseFrom(env.getPayload());
            ch = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            sh = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            out.add(CheckResult.fail(tx + ".header", e.getMessage()));
            return out;
        }
        String problem = null;
        if (!ch.getTxId().equals(ev.txId())) {
            problem = "transaction " + ev.txIndex() + " is " + ch.getTxId() + ", bundle says " + ev.txId();
        } else if (trust.channel() != null && !trust.channel().equals(ch.getChannelId())) {
            problem = "channel " + ch.getChannelId() + ", trust file says " + trust.channel();
        } else if (!ch.getTxId().equals(hex(sha256(sh.getNonce().concat(sh.getCreator()).toByteArray())))) {
            problem = "txId is not SHA-256(nonce || creator)";
        }
        out.add(problem == null ? CheckResult.pass(tx + ".header", "transaction " + ev.txIndex() + " of block "
                + ev.blockNumber() + " is " + ev.txId() + " on channel " + ch.getChannelId())
                : CheckResult.fail(tx + ".header", problem));
        Instant txTime = Instant.ofEpochSecond(ch.getTimestamp().getSeconds(), ch.getTimestamp().getNanos());
        // 4. creator signature
        long at = block.getHeader().getNumber();
        out.add(signedBy(tx + ".creator-signature", sh.getCreator(), env.getPayload().toByteArray(),
                env.getSignature().toByteArray(), trust, null, txTime, at));
        // 5. endorsements and write set
        ByteString prp;
        try {
            Transaction t = Transaction.parseFrom(payload.getData());
            if (t.getActionsCount() != 1) {
                throw new InvalidProtocolBufferException(t.getActionsCount() + " actions, expected 1");
            }
            ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(t.getActions(0).getPayload());
            prp = cap.getAction().getProposalResponsePayload();
            out.add(endorsements(tx + ".endorsements", prp, cap.getAction().getEndorsementsList(), trust, txTime,
                    at));
        } catch (InvalidProtocolBufferException e) {
            out.add(CheckResult.fail(tx + ".endorsements", "not an endorser transaction: " + e.getMessage()));
            return out;
        }
        out.add(writeSet(tx + ".write-set", prp, key, writeCheck));
        // 6. validation flag (peer-computed, not covered by the orderer's signature)
        ByteString flags = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE) : ByteString.EMPTY;
        if (flags.size() > ev.txIndex() && flags.byteAt(ev.txIndex()) == 0) {
            out.add(CheckResult.pass(tx + ".validation-flag", "VALID (flag set by the committing peer, not signed)"));
        } else {
            out.add(CheckResult.fail(tx + ".validation-flag", flags.size() > ev.txIndex()
                    ? "transaction marked invalid, code " + (flags.byteAt(ev.txIndex()) & 0xff)
                    : "no validation flag for the transaction"));
        }
        return out;
    }

    /**
     * The timestamp in the channel header of transaction {@code txIndex} of the block: the time
     * the submitting client put in its proposal, which the chaincode reads as the transaction time.
     *
     * @throws IllegalArgumentException when the block or the envelope cannot be decoded
     */
    public static Instant txTimestamp(BlockEvidence ev) {
        try {
            Block block = Block.parseFrom(Base64.getDecoder().decode(ev.block()));
            if (ev.txIndex() < 0 || ev.txIndex() >= block.getData().getDataCount()) {
                throw new IllegalArgumentException("transaction index " + ev.txIndex() + " not in block of "
                        + block.getData().getDataCount());
            }
            Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(ev.txIndex())).getPayload());
            ChannelHeader ch = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (!ch.hasTimestamp()) {
                throw new IllegalArgumentException("the channel header has no timestamp");
            }
            return Instant.ofEpochSecond(ch.getTimestamp().getSeconds(), ch.getTimestamp().getNanos());
        } catch (InvalidProtocolBufferException | NullPointerException e) {
            throw new IllegalArgumentException("not a readable transaction: " + e.getMessage(), e);
        }
    }

    private static CheckResult ordererSignature(String name, Block block, TrustAnchors trust) {
        Metadata md;
        try {
            md = Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
        } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            return CheckResult.fail(name, "no SIGNATURES metadata: " + e.getMessage());
        }
        if (md.getSignaturesCount() == 0) {
            return CheckResult.fail(name, "block carries no orderer signature");
        }
        byte[] header = headerBytes(block.getHeader());
        List<String> reasons = new ArrayList<>();
        for (MetadataSignature sig : md.getSignaturesList()) {
            if (sig.getSignatureHeader().isEmpty()) {
                reasons.add("signature without signature header (BFT identifier headers are not supported)");
                continue;
            }
            try {
                SignatureHeader sh = SignatureHeader.parseFrom(sig.getSignatureHeader());
                byte[] signed = md.getValue().concat(sig.getSignatureHeader()).concat(ByteString.copyFrom(header))
                        .toByteArray();
                CheckResult r = signedBy(name, sh.getCreator(), signed, sig.getSignature().toByteArray(), trust,
                        trust.ordererMsps(), null, block.getHeader().getNumber());
                if (r.passed()) {
                    return r;
                }
                reasons.add(r.reason());
            } catch (InvalidProtocolBufferException e) {
                reasons.add("bad signature header: " + e.getMessage());
            }
        }
        return CheckResult.fail(name, String.join("; ", reasons));
    }

    /**
     * Every endorsement verifies, by an identity of an MSP that was a channel member at the block; the
     * distinct endorsing MSPs include the period's required endorsers ({@link TrustAnchors#requiredEndorsersAt})
     * and number at least the period's quorum ({@link TrustAnchors#quorumAt}).
     */
    private static CheckResult endorsements(String name, ByteString prp, List<Endorsement> endorsements,
            TrustAnchors trust, Instant at, long block) {
        Set<String> endorsedBy = new TreeSet<>();
        for (int i = 0; i < endorsements.size(); i++) {
            Endorsement e = endorsements.get(i);
            CheckResult r = signedBy(name, e.getEndorser(), prp.concat(e.getEndorser()).toByteArray(),
                    e.getSignature().toByteArray(), trust, null, at, block);
            if (!r.passed()) {
                return CheckResult.fail(name, "endorsement " + i + ": " + r.reason());
            }
            endorsedBy.add(mspOf(e.getEndorser()));
        }
        List<String> missing = trust.requiredEndorsersAt(block).stream().filter(m -> !endorsedBy.contains(m)).toList();
        if (!missing.isEmpty()) {
            return CheckResult.fail(name, "not endorsed by " + missing + " (endorsed by " + endorsedBy + ")");
        }
        int quorum = trust.quorumAt(block);
        if (endorsedBy.size() < quorum) {
            return CheckResult.fail(name, endorsedBy.size() + " distinct endorsing MSPs " + endorsedBy
                    + ", the policy of block " + block + " needs " + quorum);
        }
        return CheckResult.pass(name, endorsements.size() + " valid endorsements by " + endorsedBy.size()
                + " distinct MSPs " + endorsedBy + " (quorum " + quorum + ")");
    }

    private static CheckResult writeSet(String name, ByteString prp, String key, Function<JsonNode, String> check) {
        try {
            ChaincodeAction action = ChaincodeAction.parseFrom(ProposalResponsePayload.parseFrom(prp).getExtension());
            TxReadWriteSet rw = TxReadWriteSet.parseFrom(action.getResults());
            for (NsReadWriteSet ns : rw.getNsRwsetList()) {
                if (!ns.getNamespace().equals(NAMESPACE)) {
                    continue;
                }
                for (KVWrite w : KVRWSet.parseFrom(ns.getRwset()).getWritesList()) {
                    if (w.getKey().equals(key)) {
                        if (w.getIsDelete()) {
                            return CheckResult.fail(name, "the transaction deletes the key");
                        }
                        JsonNode value = JSON.readTree(w.getValue().toStringUtf8());
                        String problem = check.apply(value);
                        return problem == null
                                ? CheckResult.pass(name, "writes " + printable(key) + " with the bundle's values")
                                : CheckResult.fail(name, problem);
                    }
                }
            }
            return CheckResult.fail(name, "the transaction does not write " + printable(key) + " in namespace "
                    + NAMESPACE);
        } catch (IOException e) {
            return CheckResult.fail(name, "unreadable write set: " + e.getMessage());
        }
    }

    /**
     * {@code identity} (SerializedIdentity) is an X.509 certificate issued by a root of its MSP in the
     * trust file for {@code block} (restricted to {@code allowedMsps} when not null), valid at {@code at} when given, and
     * its key signed {@code data} (ECDSA with SHA-256, DER, low S).
     */
    static CheckResult signedBy(String name, ByteString identity, byte[] data, byte[] signature, TrustAnchors trust,
            List<String> allowedMsps, Instant at, long block) {
        SerializedIdentity id;
        X509Certificate cert;
        try {
            id = SerializedIdentity.parseFrom(identity);
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(id.getIdBytes().toByteArray()));
        } catch (InvalidProtocolBufferException | GeneralSecurityException | RuntimeException e) {
            return CheckResult.fail(name, "identity is not an X.509 SerializedIdentity: " + e.getMessage());
        }
        String msp = id.getMspid();
        String subject = cert.getSubjectX500Principal().getName();
        if (allowedMsps != null && !allowedMsps.contains(msp)) {
            return CheckResult.fail(name, "signer's MSP " + msp + " is not one of " + allowedMsps);
        }
        List<X509Certificate> roots = trust.rootsAt(msp, block);
        if (roots == null) {
            return CheckResult.fail(name, "MSP " + msp + " of " + subject + " is not in the trust file"
                    + (trust.history().isEmpty() ? "" : " as a channel member at block " + block));
        }
        boolean issued = false;
        for (X509Certificate root : roots) {
            try {
                cert.verify(root.getPublicKey());
                issued = true;
                break;
            } catch (GeneralSecurityException | RuntimeException ignored) {
                // try the next root
            }
        }
        if (!issued) {
            return CheckResult.fail(name, subject + " (" + msp + ") is not issued by a trusted root of " + msp);
        }
        if (at != null) {
            try {
                cert.checkValidity(Date.from(at));
            } catch (GeneralSecurityException e) {
                return CheckResult.fail(name, subject + " was not valid at " + at);
            }
        }
        try {
            if (!lowS(signature)) {
                return CheckResult.fail(name, "signature by " + subject + " is not a low-S DER ECDSA signature");
            }
            Signature v = Signature.getInstance("SHA256withECDSA");
            v.initVerify(cert.getPublicKey());
            v.update(data);
            if (!v.verify(signature)) {
                return CheckResult.fail(name, "signature by " + subject + " (" + msp + ") does not verify");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return CheckResult.fail(name, "signature by " + subject + " does not verify: " + e.getMessage());
        }
        return CheckResult.pass(name, "signed by " + subject + " (" + msp + ")");
    }

    static String mspOf(ByteString identity) {
        try {
            return SerializedIdentity.parseFrom(identity).getMspid();
        } catch (InvalidProtocolBufferException e) {
            return "?";
        }
    }

    private static boolean lowS(byte[] der) {
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
            if (seq.size() != 2) {
                return false;
            }
            BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
            return s.signum() > 0 && s.compareTo(P256_N.shiftRight(1)) <= 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String printable(String key) {
        return key.replace('\u0000', '/');
    }
}
