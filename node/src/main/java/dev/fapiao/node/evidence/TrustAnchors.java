package dev.fapiao.node.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verifier's trust file ({@code scripts/network.sh trust} writes {@code run/network/trust.json},
 * docs/retention-proof.md "Trust file"):
 * <pre>
 * {"version": 1, "channel": "invoices",
 *  "ordererMsps": ["OrdererMSP"], "requiredEndorsers": [],
 *  "msps": {"OrdererMSP": {"rootCerts": ["-----BEGIN CERTIFICATE-----..."]}, ...},
 *  "endorsement": {"rule": "MAJORITY Endorsement", "members": [...], "quorum": 2},
 *  "configBlock": 5,
 *  "history": [{"org": "taxauthority", "msp": "TaxAuthorityMSP", "rootCerts": [...], "fromBlock": 0, "toBlock": null}]}
 * </pre>
 * The root certificates are each MSP's signing CAs ({@code msp/cacerts}), not TLS CAs. A
 * transaction of block <i>b</i> is judged by the members of <i>b</i>'s period ({@link #membersAt}).
 */
public record TrustAnchors(String channel, List<String> ordererMsps, List<String> requiredEndorsers,
        Map<String, List<X509Certificate>> roots, int quorum, long configBlock, List<Membership> history) {

    /** The only endorsement rule the channel uses (and the verifier can count). */
    public static final String MAJORITY = "MAJORITY Endorsement";
    private static final String WHAT = "trust file";
    private static final JsonShape CERTS = JsonShape.listOf(JsonShape.STRING);
    private static final JsonShape SHAPE = JsonShape.object()
            .required("version", JsonShape.INT)
            .required("channel", JsonShape.STRING)
            .required("ordererMsps", JsonShape.listOf(JsonShape.STRING))
            .required("requiredEndorsers", JsonShape.listOf(JsonShape.STRING))
            .required("msps", new JsonShape.MapOf(JsonShape.object().required("rootCerts", CERTS).build()))
            .required("endorsement", JsonShape.object().required("rule", JsonShape.STRING)
                    .required("members", JsonShape.listOf(JsonShape.STRING)).required("quorum", JsonShape.INT).build())
            .required("configBlock", JsonShape.LONG)
            .required("history", JsonShape.listOf(JsonShape.object().required("org", JsonShape.STRING)
                    .required("msp", JsonShape.STRING).required("rootCerts", CERTS)
                    .required("fromBlock", JsonShape.LONG).nullable("toBlock", JsonShape.LONG).build()))
            .build();

    /** One MSP's membership: from config block {@code fromBlock} until {@code toBlock} (null: still a member). */
    public record Membership(String msp, List<X509Certificate> rootCerts, long fromBlock, Long toBlock) {
        boolean covers(long block) {
            return fromBlock <= block && (toBlock == null || block < toBlock);
        }
    }

    public TrustAnchors {
        ordererMsps = List.copyOf(ordererMsps);
        requiredEndorsers = List.copyOf(requiredEndorsers);
        roots = Map.copyOf(roots);
        history = List.copyOf(history);
    }

    /** Trust without membership history: {@code roots} are the members, no quorum beyond {@code requiredEndorsers}. */
    public TrustAnchors(String channel, List<String> ordererMsps, List<String> requiredEndorsers,
            Map<String, List<X509Certificate>> roots) {
        this(channel, ordererMsps, requiredEndorsers, roots, 0, 0, List.of());
    }

    /**
     * The signing roots of {@code msp} for a transaction of {@code block}; null when the MSP was not
     * a member then. Membership comes from {@code history}; the roots of a current member (its entry
     * still open) from {@code msps}, those of a member that has left from its history entry. An
     * orderer MSP's, and every MSP's in a file without history, come from {@code msps}.
     */
    public List<X509Certificate> rootsAt(String msp, long block) {
        if (ordererMsps.contains(msp) || history.isEmpty()) {
            return roots.get(msp);
        }
        List<X509Certificate> out = new ArrayList<>();
        for (Membership m : history) {
            if (m.msp().equals(msp) && m.covers(block)) {
                if (m.toBlock() == null) {
                    return roots.get(msp);
                }
                out.addAll(m.rootCerts());
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** The channel members (MSP ids) of {@code block}'s period. */
    public List<String> membersAt(long block) {
        return history.stream().filter(m -> m.covers(block)).map(Membership::msp).distinct().toList();
    }

    /**
     * The distinct endorsing members a transaction of {@code block} needs: {@code endorsement.quorum}
     * from the current configuration on ({@code configBlock}), a MAJORITY of the period's members before.
     */
    public int quorumAt(long block) {
        if (history.isEmpty() || block >= configBlock) {
            return quorum;
        }
        return membersAt(block).size() / 2 + 1;
    }

    /**
     * The members every transaction of {@code block} must be endorsed by: {@code requiredEndorsers} from
     * the current configuration on ({@code configBlock}), none before — the file states them for the
     * current members only (all of them when MAJORITY means all), and an earlier period's rule is its
     * quorum of its own members ({@link #quorumAt}), which says the same for a period of two.
     */
    public List<String> requiredEndorsersAt(long block) {
        if (history.isEmpty() || block >= configBlock) {
            return requiredEndorsers;
        }
        return List.of();
    }

    /** Parses a trust file strictly (docs/retention-proof.md, "Parsing"); {@link MalformedProofException} naming the member. */
    public static TrustAnchors parse(String json) {
        JsonNode t = StrictJson.parse(json, WHAT);
        JsonShape.check(t, SHAPE, WHAT);
        if (t.get("version").asInt() != 1) {
            throw new MalformedProofException("trust file: version: unsupported " + t.get("version") + " (expected 1)");
        }
        JsonNode e = t.get("endorsement");
        if (!MAJORITY.equals(e.get("rule").asText())) {
            throw new MalformedProofException("trust file: endorsement.rule: '" + e.get("rule").asText()
                    + "' is not " + MAJORITY);
        }
        int quorum = e.get("quorum").asInt();
        if (quorum < 1 || quorum > e.get("members").size()) {
            throw new MalformedProofException("trust file: endorsement.quorum: " + quorum + " is not between 1 and "
                    + e.get("members").size() + " (the members)");
        }
        Map<String, List<X509Certificate>> roots = new LinkedHashMap<>();
        for (var it = t.get("msps").fields(); it.hasNext(); ) {
            var m = it.next();
            roots.put(m.getKey(), certificates(m.getValue().get("rootCerts"), "msps." + m.getKey() + ".rootCerts"));
        }
        List<Membership> history = new ArrayList<>();
        for (int i = 0; i < t.get("history").size(); i++) {
            JsonNode h = t.get("history").get(i);
            JsonNode to = h.get("toBlock");
            history.add(new Membership(h.get("msp").asText(), certificates(h.get("rootCerts"),
                    "history[" + i + "].rootCerts"), h.get("fromBlock").asLong(), to.isNull() ? null : to.asLong()));
        }
        return new TrustAnchors(t.get("channel").asText(), texts(t.get("ordererMsps")),
                texts(t.get("requiredEndorsers")), roots, quorum, t.get("configBlock").asLong(), history);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<X509Certificate> certificates(JsonNode pems, String at) {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (JsonNode pem : pems) {
                cf.generateCertificates(new ByteArrayInputStream(pem.asText().getBytes(StandardCharsets.US_ASCII)))
                        .forEach(c -> certs.add((X509Certificate) c));
            }
        } catch (CertificateException e) {
            throw new MalformedProofException("trust file: " + at + ": bad certificate: " + e.getMessage());
        }
        if (certs.isEmpty()) {
            throw new MalformedProofException("trust file: " + at + ": no certificate");
        }
        return List.copyOf(certs);
    }
}
