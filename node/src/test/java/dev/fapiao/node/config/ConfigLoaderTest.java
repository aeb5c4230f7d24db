package dev.fapiao.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void defaultsAloneAreValid() {
        NodeConfig c = loader.load(null, Map.of());
        assertEquals(500, c.anchoring().batchSize());
        assertEquals(15, c.retention().defaultYears());
        assertEquals("1234567812345678", c.seal().userId());
        assertEquals(Path.of("data/node/archive"), c.archivePath());
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, "anchoring:\n  batchSize: 100\n  maxInFlight: 4\nnode:\n  id: archive-a\n");
        NodeConfig c = loader.load(file, Map.of("FAPIAO_ANCHORING_BATCH_SIZE", "250", "FAPIAO_ORDERER_PORT", "7050"));
        assertEquals(250, c.anchoring().batchSize());
        assertEquals(4, c.anchoring().maxInFlight());
        assertEquals("archive-a", c.node().id());
    }

    @Test
    void loggingAndAuditRetentionAreChecked() {
        NodeConfig c = loader.load(null, Map.of());
        assertEquals(0, c.audit().retentionDays(), "by default as long as the invoices");
        assertEquals(Path.of("data/node/logs"), c.logPath());
        assertEquals("audit.retentionDays: 0 (as long as the invoices) or at least 183 (six months)",
                assertThrows(ConfigException.class, () -> loader.load(null, Map.of("FAPIAO_AUDIT_RETENTION_DAYS", "90")))
                        .getMessage());
        assertEquals(400, loader.load(null, Map.of("FAPIAO_AUDIT_RETENTION_DAYS", "400")).audit().retentionDays());
        for (var bad : List.of(Map.of("FAPIAO_LOGGING_CONSOLE", "fancy"), Map.of("FAPIAO_LOGGING_MAX_FILE_SIZE", "big"),
                Map.of("FAPIAO_LOGGING_LEVEL", "loud"), Map.of("FAPIAO_LOGGING_LEVELS", "a.b"),
                Map.of("FAPIAO_LOGGING_MAX_HISTORY_DAYS", "0"))) {
            assertThrows(ConfigException.class, () -> loader.load(null, bad), bad.toString());
        }
    }

    @Test
    void environmentNamesAreUpperSnakeCase() {
        assertEquals("FAPIAO_ARCHIVE_MAX_DOCUMENT_BYTES", ConfigLoader.envName("archive", "maxDocumentBytes"));
    }

    @Test
    void unknownKeyInFileIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, "anchoring:\n  batchSise: 100\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file, Map.of()));
        assertEquals("unknown configuration key 'anchoring.batchSise'", e.getMessage());
    }

    @Test
    void malformedValueIsNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("FAPIAO_ANCHORING_MAX_IN_FLIGHT", "many")));
        assertTrue(e.getMessage().startsWith("anchoring.maxInFlight: "), e.getMessage());
    }

    @Test
    void outOfRangeValueIsNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("FAPIAO_ANCHORING_BATCH_SIZE", "501")));
        assertTrue(e.getMessage().startsWith("anchoring.batchSize: "), e.getMessage());
    }

    @Test
    void missingFileIsAnError(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(dir.resolve("nope.yaml"), Map.of()));
        assertTrue(e.getMessage().contains("does not exist"));
    }

    @Test
    void invalidYamlIsAnError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, "anchoring: [unclosed\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file, Map.of()));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void explicitLedgerNeedsItsFiles() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("FAPIAO_LEDGER_PEER_ADDRESS", "127.0.0.1:9051")));
        assertTrue(e.getMessage().startsWith("ledger.tlsCaCert: "), e.getMessage());
    }

    @Test
    void syncStartsFromLatestUnlessToldGenesis() {
        assertEquals("latest", loader.load(null, Map.of()).sync().startFrom());
        assertEquals("genesis", loader.load(null, Map.of("FAPIAO_SYNC_START_FROM", "genesis")).sync().startFrom());
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("FAPIAO_SYNC_START_FROM", "yesterday")));
        assertTrue(e.getMessage().startsWith("sync.startFrom: "), e.getMessage());
    }

    record Extra(int port, String name) {}

    @Test
    void aFileSharedWithAnotherComponentLoadsForBoth(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, "node:\n  id: shared\nextra:\n  port: 9443\n");
        assertEquals("shared", loader.load(file, Map.of(), java.util.Set.of("extra")).node().id());
        Extra extra = loader.section(file, Map.of("FAPIAO_EXTRA_NAME", "from-env"), "extra",
                "/test-extra-defaults.yaml", Extra.class);
        assertEquals(new Extra(9443, "from-env"), extra);
        // the node alone still refuses a section it does not know
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file, Map.of()));
        assertEquals("unknown configuration key 'extra'", e.getMessage());
    }

    @Test
    void aSectionsBadKeysAreNamedWithTheSection(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, "extra:\n  prot: 1\n");
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> loader.section(file, Map.of(), "extra", "/test-extra-defaults.yaml", Extra.class));
        assertEquals("unknown configuration key 'extra.prot'", unknown.getMessage());
        ConfigException bad = assertThrows(ConfigException.class,
                () -> loader.section(null, Map.of("FAPIAO_EXTRA_PORT", "many"), "extra", "/test-extra-defaults.yaml", Extra.class));
        assertTrue(bad.getMessage().startsWith("extra.port: "), bad.getMessage());
    }

    // ------------------------------------------------------------------ retention rules

    static final String A = "91350100M000100Y43";

    private ConfigException retentionError(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("retention.yaml");
        Files.writeString(file, "retention:\n" + yaml);
        return assertThrows(ConfigException.class, () -> loader.load(file, Map.of()));
    }

    @Test
    void retentionRulesFromTheFile(@TempDir Path dir) throws IOException {
        assertEquals(List.of(), loader.load(null, Map.of()).retention().rules());
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, "retention:\n  defaultYears: 30\n  rules:\n"
                + "    - {documentClass: SPECIAL_VAT, years: 30}\n"
                + "    - issuer: " + A + "\n      years: 20\n"
                + "    - {issuer: " + A + ", documentClass: RED_LETTER, years: 25}\n");
        NodeConfig.Retention r = loader.load(file, Map.of()).retention();
        assertEquals(30, r.defaultYears());
        assertEquals(List.of(new NodeConfig.RetentionRule(null, "SPECIAL_VAT", 30),
                new NodeConfig.RetentionRule(A, null, 20), new NodeConfig.RetentionRule(A, "RED_LETTER", 25)), r.rules());
        // the environment replaces the file's list; an empty value empties it
        assertEquals(List.of(new NodeConfig.RetentionRule(A, null, 12)),
                loader.load(file, Map.of("FAPIAO_RETENTION_RULES", " " + A + " = 12 ;")).retention().rules());
        assertEquals(List.of(), loader.load(file, Map.of("FAPIAO_RETENTION_RULES", "")).retention().rules());
    }

    @Test
    void badRetentionRulesAreNamedByIndex(@TempDir Path dir) throws IOException {
        String ok = "    - {documentClass: NORMAL, years: 10}\n";
        assertEquals("retention.rules[1].years: must be between 1 and 100",
                retentionError(dir, "  rules:\n" + ok + "    - {issuer: " + A + ", years: 101}\n").getMessage());
        assertEquals("retention.rules[0].years: is required",
                retentionError(dir, "  rules:\n    - {issuer: " + A + "}\n").getMessage());
        ConfigException cls = retentionError(dir, "  rules:\n" + ok + "    - {documentClass: VOUCHER, years: 30}\n");
        assertTrue(cls.getMessage().startsWith("retention.rules[1].documentClass: unknown document class 'VOUCHER'"),
                cls.getMessage());
        assertTrue(cls.getMessage().contains("[NORMAL, SPECIAL_VAT, RED_LETTER]"), cls.getMessage());
        ConfigException code = retentionError(dir, "  rules:\n    - {issuer: 91350100M000100Y44, years: 30}\n");
        assertTrue(code.getMessage().startsWith("retention.rules[0].issuer: '91350100M000100Y44' is not a valid"),
                code.getMessage());
        ConfigException none = retentionError(dir, "  rules:\n    - {years: 30}\n");
        assertTrue(none.getMessage().startsWith("retention.rules[0]: give issuer, documentClass or both"),
                none.getMessage());
        assertEquals("retention.rules[2]: same issuer and documentClass as retention.rules[0]",
                retentionError(dir, "  rules:\n" + ok + "    - {issuer: " + A + ", years: 5}\n" + ok).getMessage());
        assertEquals("unknown configuration key 'retention.rules[0].year'",
                retentionError(dir, "  rules:\n    - {issuer: " + A + ", year: 5}\n").getMessage());
        ConfigException type = retentionError(dir, "  rules:\n    - {issuer: " + A + ", years: many}\n");
        assertTrue(type.getMessage().startsWith("retention.rules[0].years: "), type.getMessage());
        ConfigException empty = retentionError(dir, "  rules:\n    -\n");
        assertTrue(empty.getMessage().startsWith("retention.rules[0]: empty rule"), empty.getMessage());
    }

    @Test
    void badRetentionRulesFromTheEnvironmentAreNamed() {
        ConfigException syntax = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("FAPIAO_RETENTION_RULES", A + "=20;" + A + ":RED_LETTER")));
        assertTrue(syntax.getMessage().startsWith("FAPIAO_RETENTION_RULES: entry 2 '" + A + ":RED_LETTER': expected"),
                syntax.getMessage());
        ConfigException years = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("FAPIAO_RETENTION_RULES", ":SPECIAL_VAT=30;" + A + "=0")));
        assertEquals("retention.rules[1].years: must be between 1 and 100", years.getMessage());
        ConfigException dup = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("FAPIAO_RETENTION_RULES", ":SPECIAL_VAT=30;:SPECIAL_VAT=10")));
        assertEquals("retention.rules[1]: same issuer and documentClass as retention.rules[0]", dup.getMessage());
        ConfigException notANumber = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("FAPIAO_RETENTION_RULES", ":NORMAL=thirty")));
        assertTrue(notANumber.getMessage().startsWith("retention.rules[0].years: "), notANumber.getMessage());
    }

    @Test
    void replicationPeersMayNameTheMemberTheyMustBe() {
        assertEquals(new PeerAddress("EnterpriseServicesMSP", "https://127.0.3.1:7443"),
                PeerAddress.parse("EnterpriseServicesMSP=https://127.0.3.1:7443"));
        assertEquals(new PeerAddress(null, "https://127.0.3.1:7443/?a=b"), PeerAddress.parse("https://127.0.3.1:7443/?a=b"));
        NodeConfig ok = loader.load(null, Map.of("FAPIAO_REPLICATION_PEERS",
                "EnterpriseServicesMSP=https://127.0.3.1:7443,https://127.0.2.1:7443"));
        assertEquals("EnterpriseServicesMSP=https://127.0.3.1:7443,https://127.0.2.1:7443", ok.replication().peers());
        for (String bad : new String[] {"Bad MSP=https://h:1", "EnterpriseServicesMSP=http://h:1", "h:1"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> loader.load(null, Map.of("FAPIAO_REPLICATION_PEERS", bad)));
            assertTrue(e.getMessage().startsWith("replication.peers: "), e.getMessage());
        }
    }
}
