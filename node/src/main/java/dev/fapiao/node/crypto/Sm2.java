package dev.fapiao.node.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/** SM2 constants: the recommended curve sm2p256v1 (GB/T 32918.5) and the GM/T 0009 default user ID. */
public final class Sm2 {
    /** GM/T 0009-2012 default distinguishing identifier, also OpenSSL's default {@code distid}. */
    public static final String DEFAULT_USER_ID = "1234567812345678";
    /** Curve OID of sm2p256v1. */
    public static final String CURVE_OID = "1.2.156.10197.1.301";

    // The custom (optimised field arithmetic) curve; GMNamedCurves' generic Fp curve signs ~7x slower.
    static final X9ECParameters X9 = CustomNamedCurves.getByName("sm2p256v1");
    static final ECDomainParameters DOMAIN = new ECDomainParameters(X9);
    static final ASN1ObjectIdentifier CURVE = GMObjectIdentifiers.sm2p256v1;
    // What `openssl genpkey -algorithm SM2` writes: id-ecPublicKey with the sm2p256v1 named curve.
    static final AlgorithmIdentifier KEY_ALGORITHM =
            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, CURVE);

    private Sm2() {
    }

    static byte[] userIdBytes(String userId) {
        if (userId == null || userId.isEmpty()) {
            throw new IllegalArgumentException("SM2 user ID must not be empty");
        }
        byte[] b = userId.getBytes(StandardCharsets.UTF_8);
        // ENTL is a 16-bit bit length (GB/T 32918.2 §5.5), so the ID is at most 8191 bytes.
        if (b.length >= 8192) {
            throw new IllegalArgumentException("SM2 user ID longer than 8191 bytes");
        }
        return b;
    }

    static boolean isSm2Key(AlgorithmIdentifier alg) {
        ASN1ObjectIdentifier oid = alg.getAlgorithm();
        if (CURVE.equals(oid)) {
            return true; // some tools put the curve OID in the algorithm field itself
        }
        return X9ObjectIdentifiers.id_ecPublicKey.equals(oid) && CURVE.equals(alg.getParameters());
    }
}
