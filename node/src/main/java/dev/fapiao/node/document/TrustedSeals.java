package dev.fapiao.node.document;

import dev.fapiao.node.crypto.CryptoFormatException;
import dev.fapiao.node.crypto.Sm2PublicKey;
import dev.fapiao.node.crypto.Sm2Verifier;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The trusted seal CAs (and, for 数电票 XML, the tax bureau's keys): X.509 SM2 certificates an operator
 * put in a directory. A signer is trusted when a configured certificate issued its certificate (SM3withSM2
 * signature verifies, issuer name matches, the issuer is a CA) and both were valid at the signing time the
 * document states, and no CRL in the directory that such a CA signed lists it as revoked at or before that
 * time ({@link SealRevocations}). Every configured certificate is an anchor; OCSP is not asked, since the
 * node verifies offline. Immutable.
 */
public final class TrustedSeals {
    static final String SM3_WITH_SM2 = "1.2.156.10197.1.501";
    private static final TrustedSeals NONE = new TrustedSeals(List.of(), SealRevocations.NONE, Clock.systemUTC());

    private final List<Certificate> anchors;
    private final SealRevocations revocations;
    /** "Now" for whether a CRL has taken effect (its thisUpdate not in the future). */
    private final Clock clock;

    private TrustedSeals(List<Certificate> anchors, SealRevocations revocations, Clock clock) {
        this.anchors = List.copyOf(anchors);
        this.revocations = revocations;
        this.clock = clock;
    }

    /** No trusted CAs: signatures are verified, signers reported {@link Trust.Status#NOT_CONFIGURED}. */
    public static TrustedSeals none() {
        return NONE;
    }

    /** From DER certificates, without CRLs. */
    public static TrustedSeals of(List<byte[]> derCertificates) {
        return new TrustedSeals(certificates(derCertificates), SealRevocations.NONE, Clock.systemUTC());
    }

    private static List<Certificate> certificates(List<byte[]> ders) {
        List<Certificate> certs = new ArrayList<>();
        for (byte[] der : ders) {
            certs.add(certificate(der, "trusted certificate"));
        }
        return certs;
    }

    /** {@link #load(Path, Clock)} with the system clock. */
    public static TrustedSeals load(Path dir) {
        return load(dir, Clock.systemUTC());
    }

    /**
     * Every {@code *.pem}, {@code *.crt}, {@code *.cer} and {@code *.der} file of a directory (PEM files may
     * hold several certificates) as trust anchors, and every {@code *.crl} (DER or PEM {@code X509 CRL})
     * that one of them signed as revocation data.
     *
     * @param clock "now" for whether a CRL has taken effect
     * @throws IllegalArgumentException naming the file that is not a certificate or not a CRL, or a directory
     *                                  without certificates
     */
    public static TrustedSeals load(Path dir, Clock clock) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("trusted seal CAs: not a directory: " + dir);
        }
        List<byte[]> ders = new ArrayList<>();
        List<Path> crls = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if (n.endsWith(".der") || n.endsWith(".cer") || n.endsWith(".crt") || n.endsWith(".pem")) {
                    ders.addAll(readCertificates(f));
                } else if (n.endsWith(".crl")) {
                    crls.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("trusted seal CAs: cannot read " + dir + ": " + e.getMessage(), e);
        }
        if (ders.isEmpty()) {
            throw new IllegalArgumentException("trusted seal CAs: no certificate (*.pem, *.crt, *.cer, *.der) in " + dir);
        }
        List<Certificate> anchors = certificates(ders);
        return new TrustedSeals(anchors, SealRevocations.load(crls, anchors), clock);
    }

    /** The {@code *.crl} files that are not used (not signed by a trusted CA, unsupported algorithm), with why. */
    public List<String> ignoredCrls() {
        return revocations.ignored();
    }

    private static List<byte[]> readCertificates(Path f) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN")) {
            certificate(bytes, f.toString());
            return List.of(bytes);
        }
        List<byte[]> out = new ArrayList<>();
        try (PemReader r = new PemReader(new StringReader(text))) {
            for (PemObject o; (o = r.readPemObject()) != null; ) {
                if ("CERTIFICATE".equals(o.getType())) {
                    certificate(o.getContent(), f.toString());
                    out.add(o.getContent());
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(f + ": no CERTIFICATE block");
        }
        return out;
    }

    public boolean configured() {
        return !anchors.isEmpty();
    }

    /** The SM2 public keys of the configured certificates (candidate tax bureau keys). */
    public List<Sm2PublicKey> keys() {
        List<Sm2PublicKey> out = new ArrayList<>();
        for (Certificate c : anchors) {
            try {
                out.add(Sm2PublicKey.fromEncoded(encoded(c.getSubjectPublicKeyInfo())));
            } catch (CryptoFormatException notSm2) {
                // a non-SM2 CA cannot have made an SM2 signature
            }
        }
        return out;
    }

    /**
     * Whether {@code certDer} was issued by a configured CA and both were valid at {@code at}.
     *
     * @param at the signing time the document states; null skips the validity-period check (said in the reason)
     */
    public Trust evaluate(byte[] certDer, Instant at) {
        if (!configured()) {
            return new Trust(Trust.Status.NOT_CONFIGURED, "no trusted seal CAs configured");
        }
        Certificate cert;
        try {
            cert = certificate(certDer, "signer certificate");
        } catch (IllegalArgumentException e) {
            return new Trust(Trust.Status.UNTRUSTED, e.getMessage());
        }
        String subject = cert.getSubject().toString();
        String validity = validAt(cert, at);
        if (validity != null) {
            return new Trust(Trust.Status.UNTRUSTED, subject + ": " + validity);
        }
        for (Certificate anchor : anchors) {
            if (Arrays.equals(encoded(anchor), certDer)) {
                return new Trust(Trust.Status.TRUSTED, subject + " is itself a trusted certificate");
            }
        }
        String why = "issuer " + cert.getIssuer() + " is not among the " + anchors.size() + " trusted seal CAs";
        for (Certificate anchor : anchors) {
            if (!anchor.getSubject().equals(cert.getIssuer())) {
                continue;
            }
            if (!SM3_WITH_SM2.equals(cert.getSignatureAlgorithm().getAlgorithm().getId())) {
                why = subject + ": signed with " + cert.getSignatureAlgorithm().getAlgorithm().getId()
                        + ", only SM3withSM2 is supported";
            } else if (!signedBy(cert, anchor)) {
                why = subject + ": certificate signature does not verify with the key of trusted " + anchor.getSubject();
            } else if (!isCa(anchor)) {
                why = "trusted " + anchor.getSubject() + " is not a CA certificate";
            } else if (validAt(anchor, at) != null) {
                why = "trusted " + anchor.getSubject() + ": " + validAt(anchor, at);
            } else {
                return revocation(cert, anchor, at, "issued by trusted " + anchor.getSubject()
                        + (at == null ? " (no signing time: validity periods not checked)" : ""));
            }
        }
        return new Trust(Trust.Status.UNTRUSTED, why);
    }

    /**
     * A certificate {@code anchor} issued, judged by the anchor's CRLs: revoked at or before the signing
     * time (or with no signing time to compare) is {@code REVOKED}; revoked later is still trusted, said.
     */
    private Trust revocation(Certificate cert, Certificate anchor, Instant at, String issued) {
        SealRevocations.Finding s = revocations.lookup(anchor, cert.getSerialNumber().getValue(), clock.instant());
        if (s.revocation().isPresent()) {
            SealRevocations.Revocation r = s.revocation().get();
            if (at == null || !r.revokedAt().isAfter(at)) {
                return new Trust(Trust.Status.REVOKED, cert.getSubject() + ": " + r.describe()
                        + (at == null ? "; the signature states no signing time to compare"
                        : ", at or before the signing time " + at));
            }
            return new Trust(Trust.Status.TRUSTED, issued + "; revoked later, after the signing time " + at + ": "
                    + r.describe());
        }
        if (s.latestCrl() == null) {
            return new Trust(Trust.Status.TRUSTED, issued + "; revocation not checked (no CRL of that CA)");
        }
        boolean stale = at != null && s.latestCrl().isBefore(at);
        return new Trust(Trust.Status.TRUSTED, issued + "; not revoked per its CRL of " + s.latestCrl()
                + (stale ? " (issued before the signing time: later revocations unknown)" : ""));
    }

    /** Subject of a DER certificate, or null when it is not one. */
    public static String subjectOf(byte[] certDer) {
        try {
            return certificate(certDer, "certificate").getSubject().toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean signedBy(Certificate cert, Certificate issuer) {
        try {
            Sm2PublicKey key = Sm2PublicKey.fromEncoded(encoded(issuer.getSubjectPublicKeyInfo()));
            return Sm2Verifier.of(key).verify(encoded(cert.getTBSCertificate()), cert.getSignature().getOctets());
        } catch (CryptoFormatException notSm2) {
            return false;
        }
    }

    private static boolean isCa(Certificate c) {
        Extensions ext = c.getTBSCertificate().getExtensions();
        if (ext == null) {
            return true; // X.509 v1 anchor: an operator's explicit choice
        }
        BasicConstraints bc = BasicConstraints.fromExtensions(ext);
        return bc != null && bc.isCA();
    }

    private static String validAt(Certificate c, Instant at) {
        if (at == null) {
            return null;
        }
        Instant from = c.getStartDate().getDate().toInstant();
        Instant to = c.getEndDate().getDate().toInstant();
        if (at.isBefore(from) || at.isAfter(to)) {
            return "not valid at the signing time " + at + " (valid " + from + " to " + to + ")";
        }
        return null;
    }

    private static Certificate certificate(byte[] der, String what) {
        try {
            Certificate c = Certificate.getInstance(der);
            if (c == null) {
                throw new IllegalArgumentException(what + ": not an X.509 certificate");
            }
            return c;
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith(what)) {
                throw iae;
            }
            throw new IllegalArgumentException(what + ": not an X.509 certificate", e);
        }
    }

    private static byte[] encoded(org.bouncycastle.asn1.ASN1Object o) {
        try {
            return o.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
