package dev.fapiao.gateway;

import dev.fapiao.node.config.ConfigException;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyperledger.fabric.client.Contract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ledger identity per role. Enterprises act through the node's own connection
 * (EnterpriseServicesMSP User1); operators as EnterpriseServicesMSP Admin (the signer
 * registry needs OU admin); auditors as TaxAuthorityMSP User1 (legal holds are accepted
 * only from the tax authority). The extra identities come from the network profile.
 */
public final class Ledgers implements AutoCloseable {

    static final String TAX_MSP = "TaxAuthorityMSP";
    private static final Logger log = LoggerFactory.getLogger(Ledgers.class);

    private final LedgerConnection enterprise;
    private final LedgerConnection operator;
    private final LedgerConnection auditor;

    private Ledgers(LedgerConnection enterprise, LedgerConnection operator, LedgerConnection auditor) {
        this.enterprise = enterprise;
        this.operator = operator;
        this.auditor = auditor;
    }

    public static Ledgers open(NodeConfig config, LedgerConnection nodeConnection) {
        if (config.ledger().explicit()) {
            log.warn("ledger configured explicitly: operator and auditor ledger actions are unavailable "
                    + "(they need the network profile's Admin and TaxAuthorityMSP identities)");
            return new Ledgers(nodeConnection, null, null);
        }
        Path file = Path.of(config.ledger().profile());
        LedgerConnection op = null;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("ledger.profile: " + file + " does not exist");
            }
            NetworkProfile profile = NetworkProfile.read(file);
            op = LedgerConnection.open(profile.settings(config.ledger().mspId(), "Admin"));
            LedgerConnection aud = LedgerConnection.open(profile.settings(TAX_MSP, "User1"));
            return new Ledgers(nodeConnection, op, aud);
        } catch (IOException e) {
            if (op != null) {
                op.close();
            }
            throw new ConfigException("ledger.profile: cannot open the operator/auditor identities: " + e.getMessage());
        }
    }

    public Contract contract(Caller.Role role) {
        LedgerConnection c = switch (role) {
            case ENTERPRISE -> enterprise;
            case OPERATOR -> operator;
            case AUDITOR -> auditor;
        };
        if (c == null) {
            throw ApiException.unavailable("not-configured",
                    "no ledger identity is configured for role " + role.claim(), 60);
        }
        return c.contract();
    }

    /** For reads any member will do; auditors read through their own organisation's peer. */
    public Contract reader(Caller.Role role) {
        return role == Caller.Role.AUDITOR && auditor != null ? auditor.contract() : enterprise.contract();
    }

    @Override
    public void close() {
        if (operator != null) {
            operator.close();
        }
        if (auditor != null) {
            auditor.close();
        }
    }
}
