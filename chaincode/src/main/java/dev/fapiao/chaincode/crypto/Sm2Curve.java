package dev.fapiao.chaincode.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;

/** The sm2p256v1 curve (GM/T 0003.5), BouncyCastle's optimised implementation. */
public final class Sm2Curve {

    /** OID 1.2.156.10197.1.301. */
    public static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.2.156.10197.1.301");
    /** id-ecPublicKey, 1.2.840.10045.2.1. */
    public static final ASN1ObjectIdentifier EC_PUBLIC_KEY = new ASN1ObjectIdentifier("1.2.840.10045.2.1");
    public static final X9ECParameters X9 = CustomNamedCurves.getByName("sm2p256v1");
    public static final ECDomainParameters DOMAIN = new ECNamedDomainParameters(OID, X9);

    private Sm2Curve() {
    }
}
