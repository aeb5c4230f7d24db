package dev.fapiao.chaincode;

import dev.fapiao.chaincode.rules.Caller;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;

/** Reads the creator from the transaction context: MSP id, subject DN, OU admin. */
final class CallerResolver {

    static final String OPERATOR_OU = "admin";

    private CallerResolver() {
    }

    static Caller resolve(Context ctx) {
        ClientIdentity identity = ctx.getClientIdentity();
        if (identity == null) {
            throw new IllegalStateException("no client identity");
        }
        X509Certificate cert = identity.getX509Certificate();
        if (cert == null) {
            return new Caller(identity.getMSPID(), null, false);
        }
        return new Caller(identity.getMSPID(), cert.getSubjectX500Principal().getName(), hasOu(cert, OPERATOR_OU));
    }

    static boolean hasOu(X509Certificate cert, String ou) {
        X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        for (RDN rdn : name.getRDNs(BCStyle.OU)) {
            for (AttributeTypeAndValue tv : rdn.getTypesAndValues()) {
                ASN1Encodable value = tv.getValue();
                if (BCStyle.OU.equals(tv.getType()) && ou.equals(IETFUtils.valueToString(value))) {
                    return true;
                }
            }
        }
        return false;
    }
}
