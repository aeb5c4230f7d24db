package dev.fapiao.chaincode;

import dev.fapiao.chaincode.crypto.CheckpointEncoding;
import dev.fapiao.chaincode.crypto.Hex;
import dev.fapiao.chaincode.crypto.SealEncoding;
import dev.fapiao.chaincode.crypto.Sm2Curve;
import dev.fapiao.chaincode.crypto.Sm2Keys;
import dev.fapiao.chaincode.crypto.Sm2PublicKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

/** A deterministic SM2 key pair for tests (private scalar derived from a seed), and signing helpers. */
final class Sm2TestKey {

    final BigInteger d;
    final ECPrivateKeyParameters priv;
    final ECPublicKeyParameters pub;
    final Sm2PublicKey parsed;
    final String userId;

    private Sm2TestKey(BigInteger d, String userId) {
        this.d = d;
        this.userId = userId;
        this.priv = new ECPrivateKeyParameters(d, Sm2Curve.DOMAIN);
        ECPoint q = Sm2Curve.DOMAIN.getG().multiply(d).normalize();
        this.pub = new ECPublicKeyParameters(q, Sm2Curve.DOMAIN);
        try {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub);
            this.parsed = Sm2Keys.fromSpki(spki);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Sm2TestKey fromSeed(String seed) {
        return fromSeed(seed, "1234567812345678");
    }

    static Sm2TestKey fromSeed(String seed, String userId) {
        byte[] h = sha256(seed.getBytes(StandardCharsets.UTF_8));
        BigInteger n = Sm2Curve.DOMAIN.getN();
        BigInteger d = new BigInteger(1, h).mod(n.subtract(BigInteger.TWO)).add(BigInteger.ONE);
        return new Sm2TestKey(d, userId);
    }

    String keyId() {
        return parsed.keyId();
    }

    String pem() {
        return parsed.pem();
    }

    byte[] sign(byte[] message) {
        return sign(message, new SecureRandom());
    }

    /** Signs with a deterministic nonce source (for stable test vectors). */
    byte[] sign(byte[] message, SecureRandom random) {
        SM2Signer signer = new SM2Signer();
        signer.init(true, new ParametersWithID(new ParametersWithRandom(priv, random),
                userId.getBytes(StandardCharsets.UTF_8)));
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException(e);
        }
    }

    String sealSignature(String invoiceId, String docHash, String metaHash, String issueTime, String retainUntil) {
        return Base64.getEncoder().encodeToString(sign(seal(invoiceId, docHash, metaHash, issueTime, retainUntil)));
    }

    String checkpointSignature(String nodeId, long treeSize, String rootHash) {
        try {
            return Base64.getEncoder().encodeToString(sign(CheckpointEncoding.encode(nodeId, treeSize,
                    Hex.decode(rootHash))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Over renewal encoding v1; {@code prevAlgorithm} null for renewal 1. */
    String renewalSignature(String nodeId, long sequence, String algorithm, long treeSize, String rootHash,
            long logTreeSize, String logRootHash, String prevAlgorithm, long prevTreeSize, String prevRootHash) {
        try {
            return Base64.getEncoder().encodeToString(sign(dev.fapiao.chaincode.crypto.RenewalEncoding.encode(nodeId,
                    sequence, algorithm, treeSize, Hex.decode(rootHash), logTreeSize, Hex.decode(logRootHash),
                    prevAlgorithm, prevTreeSize, prevAlgorithm == null ? null : Hex.decode(prevRootHash))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] seal(String invoiceId, String docHash, String metaHash, String issueTime, String retainUntil) {
        try {
            return SealEncoding.encode(invoiceId, Hex.decode(docHash), Hex.decode(metaHash),
                    Instant.parse(issueTime).toEpochMilli(), (int) LocalDate.parse(retainUntil).toEpochDay());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] in) {
        SHA256Digest d = new SHA256Digest();
        d.update(in, 0, in.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /** A SecureRandom whose output is a SHA-256 counter stream of a seed (test vectors only). */
    static SecureRandom deterministicRandom(String seed) {
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;
            private long counter;

            @Override
            public void nextBytes(byte[] bytes) {
                int off = 0;
                while (off < bytes.length) {
                    byte[] block = sha256((seed + "/" + counter++).getBytes(StandardCharsets.UTF_8));
                    int n = Math.min(block.length, bytes.length - off);
                    System.arraycopy(block, 0, bytes, off, n);
                    off += n;
                }
            }
        };
    }
}
