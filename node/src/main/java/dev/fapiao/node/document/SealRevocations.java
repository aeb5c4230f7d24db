package dev.fapiao.node.document;

import dev.fapiao.node.crypto.CryptoFormatException;
import dev.fapiao.node.crypto.Sm2PublicKey;
import dev.fapiao.node.crypto.Sm2Verifier;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The certificate revocation lists (RFC 5280 X.509 v2 CRLs, {@code *.crl}, PEM or DER) an operator put
 * next to the trusted seal CAs. A CRL counts only when a configured CA issued it (issuer name = the CA's
 * subject, SM3withSM2 signature verifies with the CA's key) — the node verifies offline, so a CRL is
 * data the operator fetched, believed only as far as its signature goes; others are kept as
 * {@link #ignored()} with the reason. Whether it has taken effect ({@code thisUpdate} not after "now")
 * is judged when a certificate is looked up. Immutable.
 */
final class SealRevocations {
    /** A CRL a configured CA signed. */
    private record Crl(String file, Certificate issuer, Instant thisUpdate, TBSCertList tbs) {
    }

    /** A listed certificate: when it was revoked, by whose CRL, why. */
    record Revocation(Instant revokedAt, String crlIssuer, Instant crlThisUpdate, String reason) {
        String describe() {
            return "revoked " + revokedAt + (reason == null ? "" : " (" + reason + ")") + " per the CRL of "
                    + crlIssuer + " of " + crlThisUpdate;
        }
    }

    /** What the CRLs of one CA say about one certificate at one moment; latestCrl null when it has none in effect. */
    record Finding(Optional<Revocation> revocation, Instant latestCrl) {
    }

    static final SealRevocations NONE = new SealRevocations(List.of(), List.of());

    private final List<Crl> crls;
    private final List<String> ignored;

    private SealRevocations(List<Crl> crls, List<String> ignored) {
        this.crls = List.copyOf(crls);
        this.ignored = List.copyOf(ignored);
    }

    /**
     * Reads {@code files} and keeps the CRLs one of {@code anchors} signed.
     *
     * @throws IllegalArgumentException naming a file that is not a CRL
     */
    static SealRevocations load(List<Path> files, List<Certificate> anchors) {
        List<Crl> kept = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Path f : files) {
            for (CertificateList crl : read(f)) {
                String name = f.getFileName() + " (" + crl.getIssuer() + ")";
                String alg = crl.getSignatureAlgorithm().getAlgorithm().getId();
                if (!TrustedSeals.SM3_WITH_SM2.equals(alg)) {
                    ignored.add(name + ": signed with " + alg + ", only SM3withSM2 is supported");
                    continue;
                }
                Certificate by = anchors.stream().filter(a -> a.getSubject().equals(crl.getIssuer()))
                        .filter(a -> signedBy(crl, a)).findFirst().orElse(null);
                if (by == null) {
                    ignored.add(name + ": not signed by a trusted seal CA");
                } else {
                    kept.add(new Crl(f.getFileName().toString(), by, crl.getThisUpdate().getDate().toInstant(),
                            crl.getTBSCertList()));
                }
            }
        }
        return new SealRevocations(kept, ignored);
    }

    /** The CRL files not used, each with the reason. */
    List<String> ignored() {
        return ignored;
    }

    /** Whether some CRL of {@code issuer} in effect at {@code now} lists {@code serial}. */
    Finding lookup(Certificate issuer, BigInteger serial, Instant now) {
        List<Crl> inEffect = crls.stream().filter(c -> c.issuer().equals(issuer) && !c.thisUpdate().isAfter(now))
                .sorted(Comparator.comparing(Crl::thisUpdate).reversed()).toList();
        Instant latest = inEffect.isEmpty() ? null : inEffect.get(0).thisUpdate();
        for (Crl c : inEffect) {
            TBSCertList.CRLEntry[] entries = c.tbs().getRevokedCertificates();
            for (TBSCertList.CRLEntry e : entries) {
                if (!e.getUserCertificate().getValue().equals(serial)) {
                    continue;
                }
                String reason = reason(e);
                if ("removeFromCRL".equals(reason)) {
                    continue; // delta-CRL entry: no longer revoked
                }
                return new Finding(Optional.of(new Revocation(e.getRevocationDate().getDate().toInstant(),
                        issuer.getSubject().toString(), c.thisUpdate(), reason)), latest);
            }
        }
        return new Finding(Optional.empty(), latest);
    }

    private static String reason(TBSCertList.CRLEntry e) {
        if (e.getExtensions() == null || e.getExtensions().getExtension(Extension.reasonCode) == null) {
            return null;
        }
        CRLReason r = CRLReason.getInstance(e.getExtensions().getExtension(Extension.reasonCode).getParsedValue());
        String[] names = {"unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded",
            "cessationOfOperation", "certificateHold", "unknown", "removeFromCRL", "privilegeWithdrawn", "aACompromise"};
        int v = r.getValue().intValue();
        return v >= 0 && v < names.length ? names[v] : "reason " + v;
    }

    private static boolean signedBy(CertificateList crl, Certificate ca) {
        try {
            Sm2PublicKey key = Sm2PublicKey.fromEncoded(ca.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER));
            return Sm2Verifier.of(key).verify(crl.getTBSCertList().getEncoded(ASN1Encoding.DER),
                    crl.getSignature().getOctets());
        } catch (CryptoFormatException | IOException notSm2) {
            return false;
        }
    }

    /** The CRLs of one file: DER, or PEM with one or more {@code X509 CRL} blocks. */
    private static List<CertificateList> read(Path f) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN")) {
            return List.of(crl(bytes, f));
        }
        List<PemObject> blocks = new ArrayList<>();
        try (PemReader r = new PemReader(new StringReader(text))) {
            for (PemObject o; (o = r.readPemObject()) != null; ) {
                blocks.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(f + ": not a PEM X.509 CRL (" + e.getMessage() + ")", e);
        }
        List<CertificateList> out = new ArrayList<>();
        for (PemObject o : blocks) {
            if ("X509 CRL".equals(o.getType())) {
                out.add(crl(o.getContent(), f));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(f + ": no X509 CRL block");
        }
        return out;
    }

    private static CertificateList crl(byte[] der, Path f) {
        CertificateList c;
        try {
            c = CertificateList.getInstance(der);
            if (c != null) {
                c.getThisUpdate().getDate();
                // every entry parsed now, so a broken one is refused at load, not at the first lookup
                for (TBSCertList.CRLEntry e : c.getRevokedCertificates()) {
                    e.getUserCertificate().getValue();
                    e.getRevocationDate().getDate();
                    reason(e);
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(f + ": not an X.509 CRL (" + e.getMessage() + ")", e);
        }
        if (c == null) {
            throw new IllegalArgumentException(f + ": not an X.509 CRL");
        }
        return c;
    }
}
