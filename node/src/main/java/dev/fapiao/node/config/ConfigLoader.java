package dev.fapiao.node.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Builds {@link NodeConfig} from the defaults in {@code node-defaults.yaml}, an optional
 * YAML file, then environment variables {@code FAPIAO_<SECTION>_<KEY>} (key in upper
 * snake case; the one list, {@code retention.rules}, as {@code [issuer][:class]=years;...}).
 * Unknown keys and bad values fail with a message naming the key ({@code retention.rules[1].years}).
 */
public final class ConfigLoader {

    static final String ENV_PREFIX = "FAPIAO_";
    /** The invoice kinds ({@code dev.fapiao.node.invoice.InvoiceType}) a retention rule may name. */
    static final List<String> DOCUMENT_CLASSES =
            java.util.Arrays.stream(dev.fapiao.node.invoice.InvoiceType.values()).map(Enum::name).toList();

    private static final java.util.regex.Pattern LOG_LEVEL =
            java.util.regex.Pattern.compile("(?i)trace|debug|info|warn|error|off");
    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile("[1-9][0-9]{0,9}(KB|MB|GB)");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public NodeConfig load(Path file, Map<String, String> env) {
        return load(file, env, Set.of());
    }

    /**
     * As {@link #load(Path, Map)}, for a file shared with other components: its sections
     * named in {@code otherSections} (e.g. {@code gateway}) are theirs, read with
     * {@link #section}; any other unknown section is still an error.
     */
    public NodeConfig load(Path file, Map<String, String> env, Set<String> otherSections) {
        ObjectNode tree = resolve(file, env, defaults("/node-defaults.yaml"), name -> !otherSections.contains(name));
        NodeConfig config = bind(tree, NodeConfig.class, "");
        check(config);
        return config;
    }

    /**
     * Another component's section of the same file and environment, with the same rules:
     * defaults from {@code defaultsResource} (a YAML file whose only top-level key is
     * {@code name}), the file's {@code name} section on top (unknown keys refused), then
     * {@code FAPIAO_<NAME>_<KEY>} variables; errors name the key as {@code name.key}.
     */
    public <T> T section(Path file, Map<String, String> env, String name, String defaultsResource, Class<T> type) {
        ObjectNode tree = resolve(file, env, defaults(defaultsResource), name::equals);
        return bind(tree.get(name), type, name + ".");
    }

    /** Defaults, overlaid by the file's sections that {@code own} accepts, then by the environment. */
    private ObjectNode resolve(Path file, Map<String, String> env, ObjectNode tree, Predicate<String> own) {
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file " + file + " does not exist");
            }
            try {
                JsonNode fromFile = yaml.readTree(file.toFile());
                if (fromFile != null && !fromFile.isMissingNode() && !fromFile.isNull()) {
                    if (!fromFile.isObject()) {
                        throw new ConfigException("config file " + file + ": expected a mapping of sections");
                    }
                    ObjectNode mine = ((ObjectNode) fromFile).deepCopy();
                    mine.retain(names(mine).stream().filter(own).toList());
                    merge(tree, mine, "");
                }
            } catch (IOException e) {
                throw new ConfigException("config file " + file + " is not valid YAML: " + firstLine(e.getMessage()));
            }
        }
        applyEnvironment(tree, env);
        return tree;
    }

    private static List<String> names(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private ObjectNode defaults(String resource) {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(resource)) {
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException(resource + " missing from the classpath", e);
        }
    }

    /** Overlays {@code from} onto {@code into}; a key the defaults do not know is an error. */
    private static void merge(ObjectNode into, ObjectNode from, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            String key = prefix + e.getKey();
            JsonNode current = into.get(e.getKey());
            if (current == null) {
                throw new ConfigException("unknown configuration key '" + key + "'");
            }
            if (current.isObject()) {
                if (!e.getValue().isObject()) {
                    throw new ConfigException(key + ": expected a section (mapping)");
                }
                merge((ObjectNode) current, (ObjectNode) e.getValue(), key + ".");
            } else {
                into.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void applyEnvironment(ObjectNode tree, Map<String, String> env) {
        Iterator<Map.Entry<String, JsonNode>> sections = tree.fields();
        while (sections.hasNext()) {
            var section = sections.next();
            ObjectNode values = (ObjectNode) section.getValue();
            for (String key : names(values)) {
                String name = envName(section.getKey(), key);
                String value = env.get(name);
                if (value == null) {
                    continue;
                }
                if (values.get(key).isArray()) {
                    values.set(key, listFromEnvironment(section.getKey() + "." + key, name, value));
                } else {
                    values.set(key, TextNode.valueOf(value));
                }
            }
        }
    }

    /**
     * A list-valued key set by one variable. Only {@code retention.rules} is a list:
     * {@code [issuer][:documentClass]=years} entries separated by {@code ;}, e.g.
     * {@code 91350100M000100Y43=30;:SPECIAL_VAT=30}; it replaces the file's list ({@code ""} empties it).
     * The entries are then checked like the file's, as {@code retention.rules[i]}.
     */
    private static ArrayNode listFromEnvironment(String key, String variable, String value) {
        if (!key.equals("retention.rules")) {
            throw new ConfigException(variable + ": " + key + " cannot be set from the environment; use the config file");
        }
        ArrayNode rules = JsonNodeFactory.instance.arrayNode();
        int n = 0;
        for (String raw : value.split(";", -1)) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            n++;
            int eq = entry.lastIndexOf('=');
            if (eq < 0 || entry.indexOf('=') != eq) {
                throw new ConfigException(variable + ": entry " + n + " '" + entry
                        + "': expected [issuer][:documentClass]=years, e.g. 91350100M000100Y43:SPECIAL_VAT=30");
            }
            String selector = entry.substring(0, eq).strip();
            int colon = selector.indexOf(':');
            String issuer = (colon < 0 ? selector : selector.substring(0, colon)).strip();
            String documentClass = colon < 0 ? "" : selector.substring(colon + 1).strip();
            ObjectNode rule = rules.addObject();
            if (!issuer.isEmpty()) {
                rule.put("issuer", issuer);
            }
            if (!documentClass.isEmpty()) {
                rule.put("documentClass", documentClass);
            }
            rule.put("years", entry.substring(eq + 1).strip());
        }
        return rules;
    }

    /** {@code anchoring.batchSize} → {@code FAPIAO_ANCHORING_BATCH_SIZE}. */
    static String envName(String section, String key) {
        return ENV_PREFIX + snake(section) + "_" + snake(key);
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
    }

    private <T> T bind(JsonNode tree, Class<T> type, String prefix) {
        try {
            return yaml.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("unknown configuration key '" + prefix + path(e) + "'");
        } catch (JsonMappingException e) {
            throw new ConfigException(prefix + path(e) + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(firstLine(e.getMessage()));
        }
    }

    /** {@code retention.rules[1].years}: list indexes in brackets, as an operator writes them. */
    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void check(NodeConfig c) {
        require(!c.node().id().isBlank(), "node.id", "must not be empty");
        require(c.node().id().length() <= 64, "node.id", "at most 64 characters");
        require(dev.fapiao.node.invoice.CreditCode.isValid(c.node().ownerCode()), "node.ownerCode",
                "not a valid unified social credit code (18 characters, GB 32100-2015 check character)");
        require(c.archive().maxDocumentBytes() > 0, "archive.maxDocumentBytes", "must be positive");
        require(c.archive().maxBacklog() > 0, "archive.maxBacklog", "must be positive");
        require(c.archive().minFreeBytes() >= 0, "archive.minFreeBytes", "must be >= 0");
        require(c.archive().memoryBudgetBytes() >= 16L << 20, "archive.memoryBudgetBytes", "must be at least 16777216 (16 MiB)");
        require(c.retention().defaultYears() >= 1 && c.retention().defaultYears() <= 100,
                "retention.defaultYears", "must be between 1 and 100");
        checkRetentionRules(c.retention().rules());
        NodeConfig.Logging l = c.logging();
        require(l.console().equals("plain") || l.console().equals("json"), "logging.console", "plain or json");
        require(LOG_LEVEL.matcher(l.level()).matches(), "logging.level", "one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
        require(l.levels().isBlank() || java.util.Arrays.stream(l.levels().split(",")).allMatch(x ->
                x.strip().matches("[A-Za-z0-9_.$]+=(?i)(trace|debug|info|warn|error|off)")), "logging.levels",
                "logger=level pairs separated by commas, e.g. dev.fapiao.node.sync=debug");
        require(SIZE.matcher(l.maxFileSize()).matches(), "logging.maxFileSize", "a size such as 100MB, 1GB");
        require(SIZE.matcher(l.totalSizeCap()).matches(), "logging.totalSizeCap", "a size such as 100MB, 1GB");
        require(l.maxHistoryDays() >= 1, "logging.maxHistoryDays", "must be at least 1");
        require(c.audit().retentionDays() == 0 || c.audit().retentionDays() >= NodeConfig.MIN_AUDIT_RETENTION_DAYS,
                "audit.retentionDays", "0 (as long as the invoices) or at least "
                        + NodeConfig.MIN_AUDIT_RETENTION_DAYS + " (six months)");
        require(c.audit().pruneIntervalSeconds() >= 60, "audit.pruneIntervalSeconds", "must be at least 60");
        NodeConfig.Anomaly a = c.anomaly();
        require(a.burstWindowSeconds() > 0, "anomaly.burstWindowSeconds", "must be positive");
        require(a.burstFactor() > 1, "anomaly.burstFactor", "must be above 1");
        require(a.burstMinCount() >= 1, "anomaly.burstMinCount", "must be at least 1");
        require(a.burstMinHistorySeconds() >= 0, "anomaly.burstMinHistorySeconds", "must not be negative");
        require(a.amountMinSamples() >= 2, "anomaly.amountMinSamples", "must be at least 2");
        require(a.amountMaxZ() > 0, "anomaly.amountMaxZ", "must be positive");
        require(a.clockSkewSeconds() >= 0 && a.maxAgeDays() >= 0, "anomaly.clockSkewSeconds",
                "clockSkewSeconds and maxAgeDays must not be negative");
        require(a.redLetterMinIssued() >= 1, "anomaly.redLetterMinIssued", "must be at least 1");
        require(a.redLetterMaxShare() > 0 && a.redLetterMaxShare() < 1, "anomaly.redLetterMaxShare",
                "must be between 0 and 1 (exclusive)");
        require(c.anchoring().batchSize() >= 1 && c.anchoring().batchSize() <= 500,
                "anchoring.batchSize", "must be between 1 and 500 (the chaincode's batch limit)");
        require(c.anchoring().batchAgeMillis() >= 1, "anchoring.batchAgeMillis", "must be positive");
        require(c.anchoring().maxInFlight() >= 1, "anchoring.maxInFlight", "must be positive");
        require(c.anchoring().retryBaseMillis() >= 1 && c.anchoring().retryMaxMillis() >= c.anchoring().retryBaseMillis(),
                "anchoring.retryMaxMillis", "must be at least anchoring.retryBaseMillis");
        NodeConfig.RequestSignatures rs = c.requestSignatures();
        require(List.of("required", "optional", "off").contains(rs.mode()), "requestSignatures.mode",
                "required, optional or off");
        require(rs.windowSeconds() >= 10 && rs.windowSeconds() <= 3600, "requestSignatures.windowSeconds", "10..3600");
        require(rs.maxNonces() >= 1, "requestSignatures.maxNonces", "at least 1");
        require(rs.keyCacheSeconds() >= 0 && rs.keyCacheSeconds() <= 3600, "requestSignatures.keyCacheSeconds",
                "0..3600");
        require(c.checkpoint().intervalSeconds() >= 1, "checkpoint.intervalSeconds", "must be positive");
        require(c.checkpoint().maxLeaves() >= 1, "checkpoint.maxLeaves", "must be positive");
        require(c.seal().userId().length() > 0 && c.seal().userId().length() <= 8191,
                "seal.userId", "must be 1 to 8191 bytes (GB/T 32918 ENTL is 16 bits of bit length)");
        require(c.sync().startFrom().equals("latest") || c.sync().startFrom().equals("genesis"),
                "sync.startFrom", "must be latest or genesis");
        checkReplication(c.replication());
        if (c.ledger().explicit()) {
            require(!c.ledger().tlsCaCert().isBlank(), "ledger.tlsCaCert", "required with ledger.peerAddress");
            require(!c.ledger().certificate().isBlank(), "ledger.certificate", "required with ledger.peerAddress");
            require(!c.ledger().privateKey().isBlank(), "ledger.privateKey", "required with ledger.peerAddress");
        } else {
            require(!c.ledger().profile().isBlank(), "ledger.profile", "set a profile or ledger.peerAddress");
        }
    }

    private static void checkReplication(NodeConfig.Replication r) {
        require(r.port() >= 0 && r.port() <= 65535, "replication.port", "must be 0..65535");
        require(r.parallelism() >= 1 && r.parallelism() <= 64, "replication.parallelism", "must be 1..64");
        require(r.rounds() >= 1, "replication.rounds", "must be positive");
        require(r.retryMillis() >= 0, "replication.retryMillis", "must not be negative");
        require(r.startBlock() >= 0, "replication.startBlock", "must not be negative");
        require(!(r.serve() || r.enabled()) || !r.trustFile().isBlank(), "replication.trustFile",
                "required to serve or replicate (the channel members' MSP roots)");
        for (String peer : list(r.peers())) {
            try {
                PeerAddress.parse(peer);
            } catch (IllegalArgumentException e) {
                require(false, "replication.peers", e.getMessage());
            }
        }
        require(!r.enabled() || !list(r.peers()).isEmpty(), "replication.peers", "required with replication.enabled");
        for (String issuer : list(r.issuers())) {
            require(dev.fapiao.node.invoice.CreditCode.isValid(issuer), "replication.issuers",
                    "'" + issuer + "' is not a valid unified social credit code");
        }
        for (String key : List.of("fromDate", "toDate")) {
            String v = key.equals("fromDate") ? r.fromDate() : r.toDate();
            try {
                if (!v.isBlank()) {
                    java.time.LocalDate.parse(v);
                }
            } catch (java.time.format.DateTimeParseException e) {
                throw new ConfigException("replication." + key + ": '" + v + "' is not a date (yyyy-mm-dd)");
            }
        }
    }

    /** A comma-separated configuration value as its non-empty, trimmed entries. */
    public static List<String> list(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    /** Each rule well-formed, and no two rules for the same (issuer, documentClass). */
    private static void checkRetentionRules(List<NodeConfig.RetentionRule> rules) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            String key = "retention.rules[" + i + "]";
            NodeConfig.RetentionRule r = rules.get(i);
            require(r != null, key, "empty rule; give issuer and/or documentClass, and years");
            if (r.issuer() != null) {
                require(dev.fapiao.node.invoice.CreditCode.isValid(r.issuer()), key + ".issuer",
                        "'" + r.issuer() + "' is not a valid unified social credit code (18 characters, "
                                + "GB 32100-2015 check character); leave it out to match every issuer");
            }
            if (r.documentClass() != null) {
                require(DOCUMENT_CLASSES.contains(r.documentClass()), key + ".documentClass",
                        "unknown document class '" + r.documentClass() + "'; one of " + DOCUMENT_CLASSES
                                + ", or leave it out to match every class");
            }
            require(r.issuer() != null || r.documentClass() != null, key,
                    "give issuer, documentClass or both (retention.defaultYears covers everything else)");
            require(r.years() != null, key + ".years", "is required");
            require(r.years() >= 1 && r.years() <= 100, key + ".years", "must be between 1 and 100");
            Integer earlier = seen.putIfAbsent(r.issuer() + "|" + r.documentClass(), i);
            require(earlier == null, key, "same issuer and documentClass as retention.rules[" + earlier + "]");
        }
    }

    private static void require(boolean ok, String key, String message) {
        if (!ok) {
            throw new ConfigException(key + ": " + message);
        }
    }
}
