package dev.fapiao.chaincode.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/** SM2 signature verification (GB/T 32918.2 with SM3) over DER {@code SEQUENCE {r, s}} signatures. */
public final class Sm2Verifier {

    /** GM/T 0009 default distinguishing identifier. */
    public static final String DEFAULT_USER_ID = "1234567812345678";

    private Sm2Verifier() {
    }

    /** Checks that {@code signature} is a strict DER {@code SEQUENCE {r, s}} with r, s in [1, n-1]. */
    public static void requireDer(byte[] signature) throws CryptoFormatException {
        BigInteger n = Sm2Curve.DOMAIN.getN();
        try {
            BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(n, signature);
            if (rs[0].signum() <= 0 || rs[1].signum() <= 0) {
                throw new CryptoFormatException("r and s must be positive");
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new CryptoFormatException("not a DER SEQUENCE { r INTEGER, s INTEGER } SM2 signature");
        }
    }

    public static boolean verify(ECPublicKeyParameters key, String userId, byte[] message, byte[] signature) {
        SM2Signer signer = new SM2Signer();
        signer.init(false, new ParametersWithID(key, userId.getBytes(StandardCharsets.UTF_8)));
        signer.update(message, 0, message.length);
        return signer.verifySignature(signature);
    }
}
