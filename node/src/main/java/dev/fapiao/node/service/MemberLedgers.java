package dev.fapiao.node.service;

import dev.fapiao.node.config.ConfigException;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.ledger.Ledger;
import dev.fapiao.node.ledger.NetworkProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ledger port per {@link ActingAs}: the node's own identity for enterprises, and, once
 * {@link #openMembers} ran, the network profile's Admin and TaxAuthorityMSP User1 identities for
 * operators and auditors. Without them, operator and auditor ledger actions are refused as not
 * configured.
 */
public final class MemberLedgers implements AutoCloseable {

    static final String TAX_MSP = "TaxAuthorityMSP";
    private static final Logger log = LoggerFactory.getLogger(MemberLedgers.class);

    private final Ledger node;
    private volatile Ledger operator;
    private volatile Ledger auditor;

    /** Over the node's own ledger port, which stays its owner's to close. */
    public MemberLedgers(Ledger node) {
        this.node = node;
    }

    /**
     * Opens the operator and auditor identities from the network profile (nothing when the ledger is
     * configured explicitly: then those actions are unavailable).
     *
     * @throws ConfigException when the profile or an identity cannot be read
     */
    public synchronized void openMembers(NodeConfig config) {
        if (operator != null) {
            return;
        }
        if (config.ledger().explicit()) {
            log.warn("ledger configured explicitly: operator and auditor ledger actions are unavailable "
                    + "(they need the network profile's Admin and TaxAuthorityMSP identities)");
            return;
        }
        Path file = Path.of(config.ledger().profile());
        Ledger op = null;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("ledger.profile: " + file + " does not exist");
            }
            NetworkProfile profile = NetworkProfile.read(file);
            op = Ledger.open(profile.settings(config.ledger().mspId(), "Admin"));
            auditor = Ledger.open(profile.settings(TAX_MSP, "User1"));
            operator = op;
        } catch (IOException e) {
            if (op != null) {
                op.close();
            }
            throw new ConfigException("ledger.profile: cannot open the operator/auditor identities: " + e.getMessage());
        }
    }

    /** The identity that submits for {@code as}. */
    Ledger submitter(ActingAs as) {
        Ledger c = switch (as) {
            case ENTERPRISE -> node;
            case OPERATOR -> operator;
            case AUDITOR -> auditor;
        };
        if (c == null) {
            throw new ConfigException("no ledger identity is configured for role " + as.name().toLowerCase(Locale.ROOT));
        }
        return c;
    }

    /** For reads any member will do; auditors read through their own organisation's peer. */
    Ledger reader(ActingAs as) {
        Ledger aud = auditor;
        return as == ActingAs.AUDITOR && aud != null ? aud : node;
    }

    /**
     * The ledger port of each organisation this node holds an identity of: {@code nodeMsp} (the node's
     * own) and, once {@link #openMembers} ran, TaxAuthorityMSP's.
     */
    java.util.Map<String, Ledger> byOrganisation(String nodeMsp) {
        java.util.Map<String, Ledger> out = new java.util.LinkedHashMap<>();
        out.put(nodeMsp, node);
        Ledger aud = auditor;
        if (aud != null && !TAX_MSP.equals(nodeMsp)) {
            out.put(TAX_MSP, aud);
        }
        return out;
    }

    /** Closes the operator and auditor identities; the node's own port belongs to the runtime. */
    @Override
    public synchronized void close() {
        if (operator != null) {
            operator.close();
            operator = null;
        }
        if (auditor != null) {
            auditor.close();
            auditor = null;
        }
    }
}
