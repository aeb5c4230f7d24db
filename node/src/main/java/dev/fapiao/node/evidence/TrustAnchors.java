package dev.fapiao.node.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verifier's trust file ({@code scripts/network.sh trust} writes {@code run/network/trust.json}):
 * <pre>
 * {"version": 1, "channel": "invoices",
 *  "ordererMsps": ["OrdererMSP"], "requiredEndorsers": ["TaxAuthorityMSP", "EnterpriseServicesMSP"],
 *  "msps": {"OrdererMSP": {"rootCerts": ["-----BEGIN CERTIFICATE-----..."]}, ...}}
 * </pre>
 * The root certificates are each MSP's signing CAs ({@code msp/cacerts}), not TLS CAs.
 */
public record TrustAnchors(String channel, List<String> ordererMsps, List<String> requiredEndorsers,
        Map<String, List<X509Certificate>> roots) {

    public static TrustAnchors parse(String json) {
        JsonNode t;
        try {
            t = new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new MalformedProofException("trust file is not JSON: " + e.getMessage());
        }
        if (t == null || !t.isObject() || t.path("version").asInt() != 1 || !t.path("msps").isObject()
                || !t.path("ordererMsps").isArray() || !t.path("requiredEndorsers").isArray()) {
            throw new MalformedProofException(
                    "trust file must be {version: 1, channel, ordererMsps: [...], requiredEndorsers: [...], msps: {...}}");
        }
        Map<String, List<X509Certificate>> roots = new LinkedHashMap<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (var it = t.path("msps").fields(); it.hasNext(); ) {
                var e = it.next();
                List<X509Certificate> certs = new ArrayList<>();
                for (JsonNode pem : e.getValue().path("rootCerts")) {
                    Collection<? extends java.security.cert.Certificate> all = cf.generateCertificates(
                            new ByteArrayInputStream(pem.asText().getBytes(StandardCharsets.US_ASCII)));
                    all.forEach(c -> certs.add((X509Certificate) c));
                }
                if (certs.isEmpty()) {
                    throw new MalformedProofException("trust file: MSP " + e.getKey() + " has no rootCerts");
                }
                roots.put(e.getKey(), List.copyOf(certs));
            }
        } catch (CertificateException e) {
            throw new MalformedProofException("trust file: bad certificate: " + e.getMessage());
        }
        List<String> orderers = new ArrayList<>();
        t.path("ordererMsps").forEach(n -> orderers.add(n.asText()));
        List<String> endorsers = new ArrayList<>();
        t.path("requiredEndorsers").forEach(n -> endorsers.add(n.asText()));
        return new TrustAnchors(t.path("channel").asText(null), List.copyOf(orderers), List.copyOf(endorsers),
                Map.copyOf(roots));
    }
}
