package dev.fapiao.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/architecture.md true: which package of the node and the gateway may depend on which,
 * no package cycles, the Fabric client only behind the ledger port, and main source files small
 * enough to read in one sitting. The table {@link #ALLOWED} is the one in docs/architecture.md.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // in a reactor build the node arrives as its jar, and its test classes as the tests jar
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.fapiao.node", "dev.fapiao.gateway");

    /** package (below dev.fapiao) → the packages it may use; a package always may use itself. */
    static final Map<String, Set<String>> ALLOWED = allowed();

    private static Map<String, Set<String>> allowed() {
        Map<String, Set<String>> m = new TreeMap<>();
        // the same table as docs/architecture.md ("Who may depend on whom"); lowest layers first
        allow(m, "node.crypto");
        allow(m, "node.seal", "node.crypto");
        allow(m, "node.model", "node.seal");
        allow(m, "node.invoice");
        allow(m, "node.merkle");
        allow(m, "node.document", "node.crypto");
        allow(m, "node.sample", "node.invoice");
        allow(m, "node.config", "node.invoice");
        allow(m, "node.ledger");
        allow(m, "node.evidence");
        allow(m, "node.anomaly");
        allow(m, "node.archive", "node.crypto", "node.model");
        allow(m, "node.anchor", "node.ledger", "node.seal");
        allow(m, "node.sync", "node.ledger");
        allow(m, "node.checkpoint", "node.archive", "node.ledger", "node.merkle", "node.seal");
        allow(m, "node.renewal", "node.archive", "node.checkpoint", "node.crypto", "node.evidence", "node.ledger",
                "node.merkle", "node.model");
        allow(m, "node.proof", "node.archive", "node.checkpoint", "node.crypto", "node.evidence", "node.invoice",
                "node.ledger", "node.merkle", "node.model", "node.renewal", "node.seal");
        allow(m, "node.replication", "node.archive", "node.crypto", "node.evidence", "node.ledger", "node.model",
                "node.seal", "node.sync");
        allow(m, "node.service", "node.anchor", "node.anomaly", "node.archive", "node.config", "node.crypto",
                "node.document", "node.invoice", "node.ledger", "node.model", "node.seal", "node.sync");
        allow(m, "node.runtime", "node.anchor", "node.anomaly", "node.archive", "node.checkpoint", "node.config",
                "node.crypto", "node.document", "node.ledger", "node.model", "node.proof", "node.renewal",
                "node.replication", "node.seal", "node.service", "node.sync");
        allow(m, "node.cli", "node.archive", "node.checkpoint", "node.config", "node.crypto", "node.document",
                "node.evidence", "node.ledger", "node.model", "node.proof", "node.renewal", "node.replication",
                "node.runtime", "node.seal");
        allow(m, "gateway", "node.anchor", "node.config", "node.evidence", "node.invoice", "node.ledger", "node.model",
                "node.proof", "node.replication", "node.runtime", "node.service");
        return m;
    }

    private static void allow(Map<String, Set<String>> m, String from, String... to) {
        m.put(from, Set.of(to));
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.fapiao.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theGatewayIsHttpOnly() {
        noClasses().that().resideInAPackage("dev.fapiao.gateway..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.fapiao.node.archive..", "org.hyperledger.fabric.client..", "org.rocksdb..")
                .check(MAIN);
    }

    @Test
    void theFabricClientIsBehindTheLedgerPort() {
        noClasses().that().resideOutsideOfPackages("dev.fapiao.node.ledger..")
                .should().dependOnClassesThat().resideInAPackage("org.hyperledger.fabric.client..")
                .check(MAIN);
    }

    @Test
    void rocksDbStaysInTheStores() {
        noClasses().that().resideOutsideOfPackages("dev.fapiao.node.archive..", "dev.fapiao.node.merkle.store..")
                .should().dependOnClassesThat().resideInAPackage("org.rocksdb..")
                .check(MAIN);
    }

    @Test
    void onlyTheEntryPointsUseTheCompositionRoot() {
        noClasses().that().resideInAPackage("dev.fapiao.node..")
                .and().resideOutsideOfPackages("dev.fapiao.node.runtime..", "dev.fapiao.node.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.fapiao.node.runtime..")
                .check(MAIN);
    }

    @Test
    void everyDependencyIsInTheTable() {
        Map<String, Set<String>> actual = new TreeMap<>();
        for (JavaClass c : MAIN) {
            String from = area(c.getPackageName());
            c.getDirectDependenciesFromSelf().forEach(d -> {
                String to = area(d.getTargetClass().getPackageName());
                if (to != null && from != null && !to.equals(from)) {
                    actual.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            });
        }
        List<String> unexpected = new ArrayList<>();
        actual.forEach((from, tos) -> tos.forEach(to -> {
            if (!ALLOWED.getOrDefault(from, Set.of()).contains(to)) {
                unexpected.add(from + " -> " + to);
            }
        }));
        assertEquals(List.of(), unexpected, "dependencies not in docs/architecture.md's table (actual: " + actual + ")");
    }

    /** {@code dev.fapiao.node.merkle.store} → {@code node.merkle}; the gateway is one area. */
    private static String area(String pkg) {
        if (pkg.startsWith("dev.fapiao.gateway")) {
            return "gateway";
        }
        if (!pkg.startsWith("dev.fapiao.node.")) {
            return null;
        }
        String[] parts = pkg.substring("dev.fapiao.".length()).split("\\.");
        return parts[0] + "." + parts[1];
    }

    @Test
    void mainSourceFilesAreSmall() throws IOException {
        Path root = Path.of(System.getProperty("fapiao.root", ".."));
        List<String> large = new ArrayList<>();
        for (String module : List.of("chaincode", "node", "gateway-api")) {
            Path src = root.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    long lines;
                    try (Stream<String> l = Files.lines(f)) {
                        lines = l.count();
                    }
                    if (lines > 450) {
                        large.add(root.relativize(f) + " (" + lines + " lines)");
                    }
                }
            }
        }
        assertTrue(large.isEmpty(), "main source files above 450 lines: " + large);
    }
}
