package dev.fapiao.node.replication;

import dev.fapiao.node.evidence.TrustAnchors;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Who may talk to this node: the channel's current members, as the trust file lists them
 * ({@code msps} less {@code ordererMsps}; their signing CAs, {@code msp/cacerts}). A certificate is a
 * member's when it chains to one of those roots (PKIX, validity dates included). The file is re-read
 * when it changes, so a member added or removed by a configuration update ({@code scripts/network.sh
 * trust} re-exports it) is served or refused from the next handshake on. Used for both ends of the
 * node-to-node TLS: a client must be a member, and so must the server it dials.
 */
public final class MemberTrust extends X509ExtendedTrustManager {

    private record Members(FileTime modified, Map<String, Set<TrustAnchor>> roots) {
    }

    private final Path trustFile;
    private volatile Members members;

    private MemberTrust(Path trustFile, Members members) {
        this.trustFile = trustFile;
        this.members = members;
    }

    /** Reads {@code trustFile} now (a missing or malformed file fails here, not at the first handshake). */
    public static MemberTrust of(Path trustFile) throws IOException {
        return new MemberTrust(trustFile, read(trustFile));
    }

    /** The current members' MSP ids. */
    public Set<String> memberMsps() {
        return current().roots().keySet();
    }

    /** The MSP of the member whose CA issued {@code chain[0]}, or empty for a non-member. */
    public Optional<String> memberOf(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return Optional.empty();
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            var path = cf.generateCertPath(List.of(chain));
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            for (Map.Entry<String, Set<TrustAnchor>> e : current().roots().entrySet()) {
                PKIXParameters p = new PKIXParameters(e.getValue());
                p.setRevocationEnabled(false); // Fabric MSPs publish CRLs in the channel config, not online
                try {
                    validator.validate(path, p);
                    return Optional.of(e.getKey());
                } catch (GeneralSecurityException notThisOne) {
                    // try the next member
                }
            }
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private void require(X509Certificate[] chain) throws CertificateException {
        if (memberOf(chain).isEmpty()) {
            String who = chain == null || chain.length == 0 ? "no certificate"
                    : chain[0].getSubjectX500Principal().getName();
            throw new CertificateException("not a current channel member's identity: " + who
                    + " (members " + memberMsps() + ")");
        }
    }

    private Members current() {
        try {
            FileTime now = Files.getLastModifiedTime(trustFile);
            Members m = members;
            if (!now.equals(m.modified())) {
                members = m = read(trustFile);
            }
            return m;
        } catch (IOException | RuntimeException e) {
            // keep the last good list: a half-written export must not open or close the door
            return members;
        }
    }

    private static Members read(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        TrustAnchors trust;
        try {
            trust = TrustAnchors.parse(Files.readString(file));
        } catch (RuntimeException e) {
            throw new IOException("trust file " + file + ": " + e.getMessage(), e);
        }
        Map<String, Set<TrustAnchor>> roots = new LinkedHashMap<>();
        trust.roots().forEach((msp, certs) -> {
            if (!trust.ordererMsps().contains(msp)) {
                Set<TrustAnchor> anchors = new HashSet<>();
                certs.forEach(c -> anchors.add(new TrustAnchor(c, null)));
                roots.put(msp, Set.copyOf(anchors));
            }
        });
        return new Members(modified, Map.copyOf(roots));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        require(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        require(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        require(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        require(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        require(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        require(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        List<X509Certificate> all = new ArrayList<>();
        current().roots().values().forEach(s -> s.forEach(a -> all.add(a.getTrustedCert())));
        return all.toArray(new X509Certificate[0]);
    }
}
