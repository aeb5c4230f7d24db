package dev.fapiao.node.config;

import java.util.regex.Pattern;

/**
 * One entry of {@code replication.peers}: another organisation's node URL, optionally prefixed with
 * the MSP id its server certificate must belong to ({@code EnterpriseServicesMSP=https://127.0.3.1:7443}).
 * Without a prefix any current member's node is accepted at that address.
 */
public record PeerAddress(String expectedMsp, String url) {

    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** Parses {@code [MSPID=]https://host:port}; a malformed entry is an IllegalArgumentException naming it. */
    public static PeerAddress parse(String entry) {
        String url = entry;
        String msp = null;
        int eq = entry.indexOf('=');
        if (eq >= 0 && !entry.substring(0, eq).contains("/")) {
            msp = entry.substring(0, eq);
            url = entry.substring(eq + 1);
            if (!MSP_ID.matcher(msp).matches()) {
                throw new IllegalArgumentException("'" + entry + "': '" + msp + "' is not an MSP id");
            }
        }
        if (!url.startsWith("https://")) {
            throw new IllegalArgumentException("'" + entry + "' is not an https:// URL (optionally MSPID=https://...)");
        }
        return new PeerAddress(msp, url);
    }
}
