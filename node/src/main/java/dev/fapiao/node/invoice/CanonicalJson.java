package dev.fapiao.node.invoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The invoice metadata as RFC 8785 (JCS) canonical JSON: the bytes that {@code metaHash}
 * (SM3) covers. The shape is documented in {@code docs/invoice-model.md}; every value is a
 * string so that no number formatting is involved.
 */
public final class CanonicalJson {

    /** Identifies the metadata shape; part of the hashed bytes so a later shape cannot collide. */
    public static final String SCHEMA = "fapiao-invoice-meta/1";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private CanonicalJson() {
    }

    /**
     * Canonical metadata bytes (UTF-8). Validate the invoice first: this only refuses what it
     * cannot represent unambiguously (missing required values, more than 2 decimals in money,
     * sub-millisecond times, unpaired surrogates).
     *
     * @throws IllegalArgumentException if the invoice cannot be represented
     */
    public static byte[] of(Invoice invoice) {
        return canonicalize(metadataJson(invoice));
    }

    /** RFC 8785 canonical form of a JSON object or array text. */
    public static byte[] canonicalize(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot canonicalize JSON: " + e.getMessage(), e);
        }
    }

    /** RFC 8785 canonical form of UTF-8 JSON object or array bytes. */
    public static byte[] canonicalize(byte[] json) {
        return canonicalize(new String(json, StandardCharsets.UTF_8));
    }

    /** The metadata as (not yet canonical) JSON text. */
    static String metadataJson(Invoice inv) {
        try {
            return MAPPER.writeValueAsString(metadata(inv));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode metadata(Invoice inv) {
        ObjectNode o = NODES.objectNode();
        o.put("schema", SCHEMA);
        o.put("number", text("number", inv.number()));
        o.put("issueTime", time(inv.issueTime()));
        o.put("type", required("type", inv.type()).name());
        o.set("seller", party("seller", inv.seller()));
        o.set("buyer", party("buyer", inv.buyer()));
        o.put("currency", text("currency", inv.currency()));
        ArrayNode lines = o.putArray("lines");
        int i = 0;
        for (InvoiceLine line : required("lines", inv.lines())) {
            lines.add(line("lines[" + i++ + "]", line));
        }
        o.put("totalAmount", money("totalAmount", inv.totalAmount()));
        o.put("totalTax", money("totalTax", inv.totalTax()));
        o.put("totalWithTax", money("totalWithTax", inv.totalWithTax()));
        optional(o, "remarks", inv.remarks());
        optional(o, "reverses", inv.reverses());
        return o;
    }

    private static ObjectNode party(String path, Party p) {
        required(path, p);
        ObjectNode o = NODES.objectNode();
        o.put("name", text(path + ".name", p.name()));
        optional(o, "creditCode", p.creditCode());
        return o;
    }

    private static ObjectNode line(String path, InvoiceLine l) {
        required(path, l);
        ObjectNode o = NODES.objectNode();
        o.put("name", text(path + ".name", l.name()));
        o.put("taxCode", text(path + ".taxCode", l.taxCode()));
        if (l.quantity() != null) {
            o.put("quantity", decimal(path + ".quantity", l.quantity()));
        }
        optional(o, "unit", l.unit());
        if (l.unitPrice() != null) {
            o.put("unitPrice", decimal(path + ".unitPrice", l.unitPrice()));
        }
        o.put("amount", money(path + ".amount", l.amount()));
        o.put("taxRate", decimal(path + ".taxRate", required(path + ".taxRate", l.taxRate())));
        o.put("tax", money(path + ".tax", l.tax()));
        return o;
    }

    /** Money: exactly two decimals, e.g. {@code "-1200.50"}. */
    static String money(String path, BigDecimal v) {
        inRange(path, required(path, v));
        try {
            return v.setScale(InvoiceValidator.MONEY_SCALE, RoundingMode.UNNECESSARY).toPlainString();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(path + ": more than 2 decimal places: " + v, e);
        }
    }

    /** Quantity, unit price, tax rate: the shortest plain form, e.g. {@code "0.13"}, {@code "100"}. */
    static String decimal(String path, BigDecimal v) {
        BigDecimal s = inRange(path, v).stripTrailingZeros();
        if (s.scale() > InvoiceValidator.FACTOR_SCALE) {
            throw new IllegalArgumentException(path + ": too many decimal places: " + v);
        }
        return s.toPlainString();
    }

    private static BigDecimal inRange(String path, BigDecimal v) {
        // guards toPlainString/setScale against values like 1E+999999999
        if (v.abs().compareTo(InvoiceValidator.MAX_MAGNITUDE) >= 0) {
            throw new IllegalArgumentException(path + ": out of range: " + v);
        }
        return v;
    }

    /** Always three fraction digits: {@code 2026-11-23T08:00:00.000Z}. */
    static String time(Instant t) {
        required("issueTime", t);
        if (t.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("issueTime: finer than milliseconds: " + t);
        }
        if (t.isBefore(Instant.parse("0000-01-01T00:00:00Z")) || t.isAfter(Instant.parse("9999-12-31T23:59:59.999Z"))) {
            throw new IllegalArgumentException("issueTime: year outside 0000-9999: " + t);
        }
        return TIME.format(t);
    }

    private static String text(String path, String v) {
        required(path, v);
        if (!InvoiceValidator.wellFormed(v)) {
            throw new IllegalArgumentException(path + ": contains an unpaired surrogate");
        }
        return v;
    }

    private static void optional(ObjectNode o, String name, String v) {
        if (v != null) {
            o.put(name, text(name, v));
        }
    }

    private static <T> T required(String path, T v) {
        if (v == null) {
            throw new IllegalArgumentException(path + ": is required");
        }
        return v;
    }
}
