package dev.fapiao.chaincode.bench;

import dev.fapiao.chaincode.crypto.SealEncoding;
import dev.fapiao.chaincode.crypto.Sm2Curve;
import dev.fapiao.chaincode.crypto.Sm2Verifier;
import dev.fapiao.chaincode.crypto.Sm3;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The chaincode's side of a seal, with its own {@link Sm2Verifier} (what an endorsing peer's chaincode
 * runs per signature): {@code verifySeal} is one SM2 verification of a v1 seal encoding, as today per
 * invoice and signature; {@code aggregate500} is what one node signature per 500-invoice batch would
 * cost instead: the seal encoding and SM3 of each of the 500 invoices (the leaves), an SM3 Merkle root
 * over them (RFC 6962 shape) and one SM2 verification of the root. Time per operation, one thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Threads(1)
public class SealVerifyBenchmark {

    static final int BATCH = 500;

    private ECPublicKeyParameters key;
    private byte[] seal;
    private byte[] sealSignature;
    private String[] ids;
    private byte[][] docHashes;
    private byte[] rootSignature;
    private byte[] root;

    @Setup
    public void setup() throws Exception {
        ECKeyPairGenerator gen = new ECKeyPairGenerator();
        gen.init(new ECKeyGenerationParameters(Sm2Curve.DOMAIN, new SecureRandom()));
        AsymmetricCipherKeyPair pair = gen.generateKeyPair();
        key = (ECPublicKeyParameters) pair.getPublic();
        ids = new String[BATCH];
        docHashes = new byte[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            ids[i] = "91310115MA1FL8Q2XH" + String.format("%020d", 1_000_000L + i);
            docHashes[i] = Sm3.digest(ids[i].getBytes(StandardCharsets.UTF_8));
        }
        seal = encode(0);
        sealSignature = sign(pair, seal);
        root = aggregateRoot();
        rootSignature = sign(pair, root);
    }

    private byte[] encode(int i) {
        return SealEncoding.encode(ids[i], docHashes[i], docHashes[i], 1_764_000_000_000L + i, 25_000);
    }

    private static byte[] sign(AsymmetricCipherKeyPair pair, byte[] message) throws Exception {
        SM2Signer s = new SM2Signer();
        s.init(true, new ParametersWithID(new ParametersWithRandom(pair.getPrivate(), new SecureRandom()),
                Sm2Verifier.DEFAULT_USER_ID.getBytes(StandardCharsets.UTF_8)));
        s.update(message, 0, message.length);
        return s.generateSignature();
    }

    /** SM3 Merkle root (leaf 0x00 ‖ seal encoding, node 0x01 ‖ left ‖ right) over the batch's seals. */
    private byte[] aggregateRoot() {
        byte[][] level = new byte[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            byte[] enc = encode(i);
            byte[] leaf = new byte[enc.length + 1];
            System.arraycopy(enc, 0, leaf, 1, enc.length);
            level[i] = Sm3.digest(leaf);
        }
        int n = BATCH;
        while (n > 1) {
            int m = 0;
            for (int i = 0; i < n; i += 2) {
                if (i + 1 == n) {
                    level[m++] = level[i];
                } else {
                    byte[] node = new byte[65];
                    node[0] = 1;
                    System.arraycopy(level[i], 0, node, 1, 32);
                    System.arraycopy(level[i + 1], 0, node, 33, 32);
                    level[m++] = Sm3.digest(node);
                }
            }
            n = m;
        }
        return level[0];
    }

    @Benchmark
    public boolean verifySeal() {
        return Sm2Verifier.verify(key, Sm2Verifier.DEFAULT_USER_ID, seal, sealSignature);
    }

    @Benchmark
    public boolean aggregate500() {
        return Sm2Verifier.verify(key, Sm2Verifier.DEFAULT_USER_ID, aggregateRoot(), rootSignature);
    }
}
