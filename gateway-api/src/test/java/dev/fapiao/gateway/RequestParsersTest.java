package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.service.Transition;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The pure parsers of query parameters and headers: wait/timeout, Range, search, transition bodies. */
class RequestParsersTest {

    private static final Duration CAP = Duration.ofSeconds(60);

    /** The field errors of a 400 (ApiException) thrown by {@code call}, as "field:code". */
    static List<String> fieldErrors(Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(400, e.status());
        return e.errors().stream().map(f -> f.field() + ":" + f.code()).toList();
    }

    // ------------------------------------------------------------------ wait / timeout

    @Test
    void waitIsAbsentDefaultOrAParsedTimeoutCappedByTheConfiguration() {
        assertNull(WaitParam.parse(null, "5s", CAP));
        assertNull(WaitParam.parse("", null, CAP));
        assertEquals(Duration.ofSeconds(10), WaitParam.parse("committed", null, CAP));
        assertEquals(Duration.ofSeconds(10), WaitParam.parse("committed", "", CAP));
        assertEquals(Duration.ofMillis(500), WaitParam.parse("committed", "500ms", CAP));
        assertEquals(Duration.ofSeconds(7), WaitParam.parse("committed", "7", CAP), "seconds without a unit");
        assertEquals(List.of("timeout:bad_format"), fieldErrors(() -> WaitParam.parse("committed", " 7 ", CAP)),
                "exactly the contract's pattern: no padding");
        assertEquals(Duration.ofSeconds(30), WaitParam.parse("committed", "30s", CAP));
        assertEquals(CAP, WaitParam.parse("committed", "2m", CAP), "capped");
        assertEquals(Duration.ofSeconds(3), WaitParam.parse("committed", "1m", Duration.ofSeconds(3)));
    }

    @Test
    void badWaitOrTimeoutNamesTheParameter() {
        assertEquals(List.of("wait:bad_value"), fieldErrors(() -> WaitParam.parse("anchored", null, CAP)));
        for (String t : List.of("10h", "soon", "-1s", "1.5s", "1234567890s")) {
            assertEquals(List.of("timeout:bad_format"), fieldErrors(() -> WaitParam.parse("committed", t, CAP)), t);
        }
    }

    // ------------------------------------------------------------------ Range

    @Test
    void oneByteRangeIsASliceWithinTheDocument() {
        assertEquals(new ByteRange.Slice(0, 9), ByteRange.parse("bytes=0-9", null, "\"e\"", 100));
        assertEquals(new ByteRange.Slice(90, 99), ByteRange.parse("bytes=90-", null, "\"e\"", 100));
        assertEquals(new ByteRange.Slice(50, 99), ByteRange.parse("bytes=50-500", null, "\"e\"", 100), "end clipped");
        assertEquals(new ByteRange.Slice(95, 99), ByteRange.parse("bytes=-5", null, "\"e\"", 100), "suffix");
        assertEquals(new ByteRange.Slice(0, 99), ByteRange.parse("bytes=-500", null, "\"e\"", 100), "suffix over all");
        assertEquals(new ByteRange.Slice(3, 3), ByteRange.parse(" bytes=3-3 ", "\"e\"", "\"e\"", 100), "If-Range matches");
        assertEquals("bytes 90-99/100", new ByteRange.Slice(90, 99).contentRange(100));
    }

    @Test
    void rangesOutsideTheDocumentAreUnsatisfiable() {
        for (String r : List.of("bytes=100-", "bytes=100-200", "bytes=5-2", "bytes=-0", "bytes=99999999999999999999-")) {
            assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse(r, null, "\"e\"", 100), r);
        }
    }

    @Test
    void absentMalformedMultipleOrStaleRangesAskForTheWholeDocument() {
        assertInstanceOf(ByteRange.Whole.class, ByteRange.parse(null, null, "\"e\"", 100));
        for (String r : List.of("bytes=-", "bytes=0-1,3-4", "items=0-5", "bytes=a-b", "")) {
            assertInstanceOf(ByteRange.Whole.class, ByteRange.parse(r, null, "\"e\"", 100), r);
        }
        assertInstanceOf(ByteRange.Whole.class, ByteRange.parse("bytes=0-9", "\"old\"", "\"e\"", 100), "If-Range stale");
    }

    // ------------------------------------------------------------------ search

    private static SearchQuery search(Map<String, String> params, String defaultIssuer) {
        return SearchQuery.parse(params::get, defaultIssuer);
    }

    @Test
    void searchDefaultsAndReadsExactlyWhatTheContractSays() {
        SearchQuery q = search(Map.of("issuer", "91310115MA1FL8Q2XH"), null);
        assertEquals(new SearchQuery("91310115MA1FL8Q2XH", LocalDate.of(2000, 1, 1), LocalDate.of(9999, 12, 30),
                null, null, 50), q);
        Map<String, String> p = new HashMap<>(Map.of("from", "2026-01-01", "to", "9999-12-31", "status", "DELIVERED",
                "limit", "500", "cursor", "abc"));
        q = search(p, "91110108MA01KP7R31");
        assertEquals("91110108MA01KP7R31", q.issuer(), "an enterprise's own code stands in");
        assertEquals(LocalDate.of(9999, 12, 30), q.to(), "clamped to the index's last date");
        assertEquals(InvoiceStatus.DELIVERED, q.status());
        assertEquals(500, q.limit());
        assertEquals("abc", q.cursor());
        p.put("cursor", "");
        assertNull(search(p, "91110108MA01KP7R31").cursor(), "an empty value is an absent one (as a form sends it)");
        q = search(Map.of("issuer", "91310115MA1FL8Q2XH", "from", "2026-02-01", "to", "2026-01-31"), null);
        assertEquals(LocalDate.of(2026, 2, 1), q.from(), "from after to is an empty range, not an error");
    }

    @Test
    void badSearchParametersAreAllNamed() {
        assertEquals(List.of("issuer:required"), fieldErrors(() -> search(Map.of(), null)));
        assertEquals(List.of("issuer:required", "from:bad_format", "to:bad_format", "status:bad_value", "limit:bad_value"),
                fieldErrors(() -> search(Map.of("issuer", "", "from", "2026-13-01", "to", "yesterday",
                        "status", "LOST", "limit", "many"), null)));
        String code = "91310115MA1FL8Q2XH";
        for (String limit : List.of("0", "501", "-3", " 5", "+5")) {
            assertEquals(List.of("limit:bad_value"), fieldErrors(() -> search(Map.of("issuer", code, "limit", limit), null)));
        }
        // what the contract forbids is refused, not normalised: lower case, padding, other date forms
        assertEquals(List.of("issuer:bad_format"), fieldErrors(() -> search(Map.of("issuer", "x"), null)));
        assertEquals(List.of("status:bad_value"), fieldErrors(() -> search(Map.of("issuer", code, "status", " delivered "), null)));
        assertEquals(List.of("from:bad_format"), fieldErrors(() -> search(Map.of("issuer", code, "from", "+12026-01-01"), null)));
        assertEquals(List.of("to:bad_format"), fieldErrors(() -> search(Map.of("issuer", code, "to", " 2026-01-01"), null)));
        for (String cursor : List.of("a", "ab=", "a b", "abcde")) {
            assertEquals(List.of("cursor:bad_value"), fieldErrors(() -> search(Map.of("issuer", code, "cursor", cursor), null)));
        }
    }

    // ------------------------------------------------------------------ transitions

    private static final String ID = "91350100M000100Y4312345678901234567890";

    private static Transition transition(String json) {
        return TransitionBody.parse(ID, Json.parseBody(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static List<String> transitionErrors(String json) {
        var e = assertThrows(dev.fapiao.node.invoice.ValidationException.class, () -> transition(json));
        return e.errors().stream().map(f -> f.field() + ":" + f.code()).toList();
    }

    @Test
    void transitionBodyNamesActionReasonAndRef() {
        assertEquals(new Transition(ID, Transition.Action.DELIVER, "sent", ""),
                transition("{\"action\":\"DELIVER\",\"reason\":\"sent\"}"));
        assertEquals(new Transition(ID, Transition.Action.LEGAL_HOLD_ON, "audit 7", "case-7"),
                transition("{\"action\":\"LEGAL_HOLD_ON\",\"reason\":\"audit 7\",\"ref\":\"case-7\"}"));
        assertEquals("", transition("{\"action\":\"ACCEPT\",\"reason\":\"ok\",\"ref\":null}").ref());
        assertEquals(true, Transition.Action.LEGAL_HOLD_OFF.byAuditor());
        assertEquals(false, Transition.Action.DISPOSE.byAuditor());
    }

    @Test
    void badTransitionBodiesAreAllNamed() {
        assertEquals(List.of(":wrong_type"), transitionErrors("[1]"));
        assertEquals(List.of("action:required", "reason:required"), transitionErrors("{}"));
        assertEquals(List.of("why:unknown_field", "action:bad_value", "reason:required", "ref:wrong_type"),
                transitionErrors("{\"why\":1,\"action\":\"DESTROY\",\"reason\":\" \",\"ref\":5}"));
        assertEquals(List.of("action:required"), transitionErrors("{\"action\":7,\"reason\":\"r\"}"));
        // the action exactly as the contract spells it, the reason and ref free of control characters
        assertEquals(List.of("action:bad_value"), transitionErrors("{\"action\":\"deliver\",\"reason\":\"r\"}"));
        assertEquals(List.of("action:bad_value"), transitionErrors("{\"action\":\" DELIVER\",\"reason\":\"r\"}"));
        for (String bad : List.of("a\\u0000b", "\\u001b[31mred", "x\\u007f", "line\\nbreak", "c1\\u0085")) {
            assertEquals(List.of("reason:control_character"),
                    transitionErrors("{\"action\":\"DELIVER\",\"reason\":\"" + bad + "\"}"), bad);
        }
        assertEquals(List.of("ref:control_character"),
                transitionErrors("{\"action\":\"DELIVER\",\"reason\":\"r\",\"ref\":\"\\u0007\"}"));
        assertEquals("税务稽查 2026-07", transition("{\"action\":\"DELIVER\",\"reason\":\"税务稽查 2026-07\"}").reason());
    }

    @Test
    void malformedJsonIsNamedAsTheBody() {
        ApiException e = assertThrows(ApiException.class, () -> transition("{\"action\":"));
        assertEquals(List.of(""), e.errors().stream().map(FieldError::field).toList());
        assertEquals("malformed_json", e.errors().get(0).code());
    }
}
