package dev.fapiao.node.invoice;

import static dev.fapiao.node.invoice.InvoiceTestSupport.VALIDATOR;
import static dev.fapiao.node.invoice.InvoiceTestSupport.d;
import static dev.fapiao.node.invoice.InvoiceTestSupport.resource;
import static dev.fapiao.node.invoice.InvoiceTestSupport.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceJsonTest {

    private static final String NORMAL = new String(resource("normal-3-lines.json"), StandardCharsets.UTF_8);

    private static List<FieldError> errors(String json) {
        return assertThrows(ValidationException.class, () -> InvoiceJson.parse(json)).errors();
    }

    private static void assertOnly(String json, String field, String code, String message) {
        List<FieldError> errors = errors(json);
        InvoiceTestSupport.assertOnly(errors, field, code);
        assertEquals(message, errors.get(0).toString().replaceAll(" \\[[a-z_]+]$", ""));
    }

    @Test
    void readsTheSample() {
        Invoice i = sample("normal-3-lines.json");
        assertEquals("25312000000012345678", i.number());
        assertEquals(Instant.parse("2025-03-14T02:30:00Z"), i.issueTime());
        assertEquals(InvoiceType.NORMAL, i.type());
        assertEquals(new Party("北京海淀云图信息技术有限公司", "91110108MA01KP7R31"), i.buyer());
        assertEquals(3, i.lines().size());
        InvoiceLine second = i.lines().get(1);
        assertNull(second.quantity());
        assertNull(second.unit());
        assertEquals(d("5000.00"), second.amount());
        assertEquals(d("7977.70"), i.totalWithTax());
        assertNull(i.remarks());
        assertNull(i.reverses());
    }

    @Test
    void numbersKeepTheirExactDecimalValue() {
        // through a double, 0.0825 and 1650.00 would not survive as written
        InvoiceLine l = sample("special-vat.json").lines().get(0);
        assertEquals(d("0.0825"), l.unitPrice());
        assertEquals(d("1650.00"), l.amount());
        assertEquals(d("20000"), l.quantity());
        Invoice big = InvoiceJson.parse(NORMAL.replace("\"7977.70\"", "0.1000000000000000055511151231257827"));
        assertEquals(d("0.1000000000000000055511151231257827"), big.totalWithTax());
    }

    @Test
    void timesWithOffsetsAreInstants() {
        assertEquals(Instant.parse("2025-06-03T09:15:42.125Z"), sample("special-vat.json").issueTime());
    }

    @Test
    void malformedJson() {
        List<FieldError> e = errors("{\"number\": \"1\",}");
        assertEquals("", e.get(0).field());
        assertEquals("malformed_json", e.get(0).code());
        assertTrue(e.get(0).message().startsWith("malformed JSON at line 1, column "), e.get(0).message());
        assertEquals("malformed_json", errors("").get(0).code());
        assertEquals("malformed_json", errors("{} {}").get(0).code());
        assertEquals("malformed_json", errors("{\"a\":01}").get(0).code());
    }

    @Test
    void duplicateKeysAreMalformed() {
        List<FieldError> e = errors(NORMAL.replace("\"currency\": \"CNY\",", "\"currency\": \"CNY\", \"currency\": \"USD\","));
        assertEquals("malformed_json", e.get(0).code());
        assertTrue(e.get(0).message().contains("currency"), e.get(0).message());
    }

    @Test
    void rootMustBeAnObject() {
        assertOnly("[1]", "", "wrong_type", "expected an invoice object");
    }

    @Test
    void amountMustBeDecimal() {
        assertOnly(NORMAL.replace("\"amount\": \"1990.00\"", "\"amount\": true"),
                "lines[0].amount", "wrong_type", "lines[0].amount: expected a decimal string or number");
    }

    @Test
    void decimalStringsArePlainNotation() {
        for (String bad : List.of("\"1.99e3\"", "\"1,990.00\"", "\" 1990.00\"", "\"+1990.00\"", "\"1990.\"", "\"\"",
                "\"" + "1".repeat(65) + "\"")) {
            List<FieldError> e = errors(NORMAL.replace("\"amount\": \"1990.00\"", "\"amount\": " + bad));
            InvoiceTestSupport.assertOnly(e, "lines[0].amount", "wrong_type");
            assertTrue(e.get(0).message().startsWith("expected a decimal string or number (plain notation"), bad);
        }
    }

    @Test
    void textMustBeAString() {
        assertOnly(NORMAL.replace("\"25312000000012345678\"", "25312000000012345678"),
                "number", "wrong_type", "number: expected a string");
        assertOnly(NORMAL.replace("\"name\": \"上海浦江数码科技有限公司\"", "\"name\": {}"),
                "seller.name", "wrong_type", "seller.name: expected a string");
    }

    @Test
    void partyMustBeAnObject() {
        assertOnly(NORMAL.replaceFirst("\"buyer\": \\{[^}]*}", "\"buyer\": \"北京海淀云图\""),
                "buyer", "wrong_type", "buyer: expected an object with name and creditCode");
    }

    @Test
    void linesMustBeAnArrayOfObjects() {
        assertOnly("{\"lines\": {}}", "lines", "wrong_type", "lines: expected an array of lines");
        assertOnly("{\"lines\": [{}, 3]}", "lines[1]", "wrong_type", "lines[1]: expected a line object");
    }

    @Test
    void unknownFieldsAreRefused() {
        List<FieldError> e = errors(NORMAL.replace("\"currency\": \"CNY\",", "\"currency\": \"CNY\", \"discount\": \"1\",")
                .replace("\"unit\": \"个\",", "\"unit\": \"个\", \"memo\": 1,"));
        assertEquals(List.of("discount/unknown_field", "lines[0].memo/unknown_field"),
                e.stream().map(f -> f.field() + "/" + f.code()).toList());
    }

    @Test
    void badTimeAndType() {
        assertOnly(NORMAL.replace("2025-03-14T02:30:00Z", "2025-03-14 10:30"), "issueTime", "bad_format",
                "issueTime: expected an ISO-8601 instant such as 2026-11-23T08:00:00Z");
        assertOnly(NORMAL.replace("\"NORMAL\"", "\"normal\""), "type", "bad_value",
                "type: expected one of NORMAL, SPECIAL_VAT, RED_LETTER");
        assertOnly(NORMAL.replace("\"currency\"", "\"schema\": \"v2\", \"currency\""), "schema", "bad_value",
                "schema: expected \"fapiao-invoice-meta/1\" or no schema");
    }

    @Test
    void reportsAllTypeErrorsTogether() {
        String json = NORMAL.replace("\"25312000000012345678\"", "1")
                .replace("\"amount\": \"5000.00\"", "\"amount\": [5000]")
                .replace("\"totalTax\": \"608.05\"", "\"totalTax\": null")
                .replace("\"tax\": \"49.35\"", "\"tax\": \"49,35\"");
        assertEquals(List.of("number/wrong_type", "lines[1].amount/wrong_type", "lines[2].tax/wrong_type"),
                errors(json).stream().map(f -> f.field() + "/" + f.code()).toList());
    }

    @Test
    void nullMeansAbsentAndIsLeftToTheValidator() {
        Invoice i = InvoiceJson.parse(NORMAL.replace("\"totalTax\": \"608.05\"", "\"totalTax\": null"));
        InvoiceTestSupport.assertOnly(VALIDATOR.validate(i), "totalTax", "required");
    }

    @Test
    void parseValidCombinesBoth() {
        assertEquals(sample("realistic.json"), InvoiceJson.parseValid(resource("realistic.json"), VALIDATOR));
        ValidationException e = assertThrows(ValidationException.class, () -> InvoiceJson.parseValid(
                NORMAL.replace("\"608.05\"", "\"608.06\"").getBytes(StandardCharsets.UTF_8), VALIDATOR));
        assertEquals(List.of(new FieldError("totalTax", "total_mismatch", "must equal the sum of line taxes 608.05"),
                new FieldError("totalWithTax", "total_mismatch", "must equal totalAmount + totalTax = 7977.71")), e.errors());
    }
}
