package dev.fapiao.chaincode;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeServer;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.hyperledger.fabric.shim.NettyChaincodeServer;

/**
 * Runs the contract as a chaincode service (the peer connects to us): see {@link ServerSettings}
 * for the environment variables. Shim logging is kept at WARNING unless
 * {@code CORE_CHAINCODE_LOGGING_SHIM} / {@code CORE_CHAINCODE_LOGGING_LEVEL} say otherwise.
 */
public final class ChaincodeMain {

    /** Strong references, so the levels set here stay (java.util.logging holds loggers weakly). */
    private static final List<Logger> QUIETED = List.of(
            Logger.getLogger("org.hyperledger.fabric"),
            Logger.getLogger("org.hyperledger.fabric.shim"),
            Logger.getLogger("org.hyperledger.fabric.contract"),
            Logger.getLogger("org.hyperledger.fabric.metrics"),
            Logger.getLogger("org.hyperledger.fabric.traces"));

    private ChaincodeMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerSettings settings;
        try {
            settings = ServerSettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("fapiao chaincode: " + e.getMessage());
            System.exit(2);
            return;
        }
        ContractRouter router = new ContractRouter(new String[] {"-i", settings.chaincodeId()});
        quietLogging(System.getenv());
        ChaincodeServer server = new NettyChaincodeServer(router, properties(settings));
        System.err.println("fapiao chaincode " + settings.chaincodeId() + " serving on " + settings.address()
                + (settings.tls() ? " (TLS" + (settings.clientCaCert() != null ? ", client auth)" : ")") : ""));
        router.startRouterWithChaincodeServer(server);
    }

    static ChaincodeServerProperties properties(ServerSettings settings) throws IOException {
        ChaincodeServerProperties props = new ChaincodeServerProperties();
        props.setServerAddress(settings.address());
        if (settings.tls()) {
            props.setTlsEnabled(true);
            props.setKeyFile(TlsKeyFile.pkcs8(settings.tlsKey()).toString());
            props.setKeyCertChainFile(settings.tlsCert().toString());
            if (settings.clientCaCert() != null) {
                props.setTrustCertCollectionFile(settings.clientCaCert().toString());
            }
        }
        props.validate();
        return props;
    }

    private static void quietLogging(Map<String, String> env) {
        if (env.containsKey("CORE_CHAINCODE_LOGGING_SHIM") || env.containsKey("CORE_CHAINCODE_LOGGING_LEVEL")) {
            return;
        }
        for (Logger logger : QUIETED) {
            logger.setLevel(Level.WARNING);
        }
        Logger.getLogger(ChaincodeMain.class.getPackageName()).setLevel(Level.INFO);
    }
}
