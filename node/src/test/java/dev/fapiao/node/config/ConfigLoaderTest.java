package dev.fapiao.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
