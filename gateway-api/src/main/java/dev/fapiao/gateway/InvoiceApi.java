package dev.fapiao.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.DisposalRefusedException;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SearchPage;
import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.invoice.InvoiceJson;
import dev.fapiao.node.invoice.ValidationException;
import dev.fapiao.node.seal.SealEncoding;
import dev.fapiao.node.service.Receipt;
import dev.fapiao.node.service.Submission;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;

/** The /v1/invoices endpoints. Blocking work (sealing, RocksDB, Fabric) runs on the gateway's worker pool. */
final class InvoiceApi {

    static final Pattern INVOICE_ID = Pattern.compile("[0-9A-HJ-NP-RTUW-Y]{18}[0-9]{20}");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\\s*;.*)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Set<String> SUBMISSION_FIELDS = Set.of("invoice", "document", "contentType", "enterpriseSignature");
    private static final Set<String> ENTERPRISE_ACTIONS = Set.of("DELIVER", "ACCEPT", "RED_REVERSE", "DISPOSE");
    private static final Set<String> AUDITOR_ACTIONS = Set.of("LEGAL_HOLD_ON", "LEGAL_HOLD_OFF");

    private static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 30);
    private final Gateway gw;
    private final java.time.Clock clock = java.time.Clock.systemUTC();
    private final dev.fapiao.node.invoice.InvoiceValidator validator =
            new dev.fapiao.node.invoice.InvoiceValidator(clock);

    InvoiceApi(Gateway gw) {
        this.gw = gw;
    }

    /** Validates the invoice before anything derives its id or seller (they may be malformed). */
    private Submission validated(Submission s) {
        List<FieldError> errors = validator.validate(s.invoice());
        if (!errors.isEmpty()) {
            List<FieldError> out = new ArrayList<>();
            errors.forEach(f -> out.add(invoiceField(f, "")));
            throw new ValidationException(out);
        }
        return s;
    }

    // ------------------------------------------------------------------ POST /v1/invoices

    void submit(RoutingContext ctx) {
        Caller caller = Gateway.caller(ctx);
        caller.require(Caller.Role.ENTERPRISE, Caller.Role.OPERATOR);
        Duration wait = waitParam(ctx);
        String mt = Gateway.mediaType(ctx);
        Context context = ctx.vertx().getOrCreateContext();
        Future<Submission> parsed;
        if (mt.equals("application/json")) {
            byte[] body = Gateway.body(ctx);
            parsed = gw.blocking(() -> validated(submission(Json.parseBody(body))));
        } else if (mt.equals("multipart/form-data")) {
            parsed = gw.blocking(() -> validated(multipart(ctx)));
        } else {
            throw ApiException.unsupportedMediaType("send application/json or multipart/form-data, not '" + mt + "'");
        }
        parsed.compose(s -> {
            String id = s.invoice().id().format();
            ctx.put(Gateway.TARGET, id);
            if (!caller.actsFor(s.invoice().seller().creditCode())) {
                return Future.failedFuture(ApiException.forbidden(
                        "this token may not submit invoices of seller " + s.invoice().seller().creditCode()));
            }
            return gw.blocking(() -> prefixed(() -> gw.runtime().node().submit(s)))
                    .compose(f -> Future.fromCompletionStage(f, context));
        }).compose(r -> wait == null ? Future.succeededFuture(r) : awaitAnchored(r, wait))
                .onSuccess(r -> {
                    int status = r.existing() ? 200 : r.anchor().phase() == AnchorState.Phase.ANCHORED ? 201 : 202;
                    ctx.response().putHeader("Location", "/v1/invoices/" + r.invoice().invoiceId());
                    Gateway.json(ctx, status, Views.receipt(r));
                })
                .onFailure(ctx::fail);
    }

    /** Waits (polling the archive every 100 ms) until the invoice is anchored or {@code max} passed. */
    Future<Receipt> awaitAnchored(Receipt r, Duration max) {
        if (r.anchor().phase() == AnchorState.Phase.ANCHORED) {
            return Future.succeededFuture(r);
        }
        Promise<Receipt> p = Promise.promise();
        long deadline = System.nanoTime() + max.toNanos();
        poll(r, deadline, p);
        return p.future();
    }

    private void poll(Receipt r, long deadline, Promise<Receipt> p) {
        String id = r.invoice().invoiceId();
        gw.blocking(() -> gw.runtime().archive().anchors().anchorState(id)).onComplete(ar -> {
            if (ar.failed()) {
                p.fail(ar.cause());
                return;
            }
            AnchorState s = ar.result();
            if (s.phase() == AnchorState.Phase.ANCHORED || System.nanoTime() > deadline) {
                ArchivedInvoice latest = r.invoice();
                p.complete(new Receipt(latest, s, r.existing()));
            } else {
                gw.vertx().setTimer(100, t -> poll(r, deadline, p));
            }
        });
    }

    Duration waitParam(RoutingContext ctx) {
        String w = ctx.request().getParam("wait");
        if (w == null || w.isEmpty()) {
            return null;
        }
        if (!w.equals("committed")) {
            throw ApiException.validation(List.of(new FieldError("wait", "bad_value", "the only value is 'committed'")));
        }
        String t = ctx.request().getParam("timeout");
        Duration d = Duration.ofSeconds(10);
        if (t != null && !t.isEmpty()) {
            Matcher m = DURATION.matcher(t.strip());
            if (!m.matches() || m.group(1).length() > 9) {
                throw ApiException.validation(List.of(new FieldError("timeout", "bad_format",
                        "a duration like 10s, 500ms or 1m")));
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
        }
        Duration cap = Duration.ofSeconds(gw.config().maxWaitSeconds());
        return d.compareTo(cap) > 0 ? cap : d;
    }

    /** Parses {invoice, document (base64), contentType, enterpriseSignature?}; every problem named by its field. */
    static Submission submission(JsonNode root) {
        return submission(root, "");
    }

    static Submission submission(JsonNode root, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new ValidationException(List.of(new FieldError(prefix, "wrong_type", "expected a JSON object")));
        }
        root.fieldNames().forEachRemaining(f -> {
            if (!SUBMISSION_FIELDS.contains(f)) {
                errors.add(new FieldError(prefix + f, "unknown_field", "not a field of a submission"));
            }
        });
        byte[] document = null;
        JsonNode doc = root.get("document");
        if (doc == null || doc.isNull() || (doc.isTextual() && doc.asText().isEmpty())) {
            errors.add(new FieldError(prefix + "document", "required", "the original document, base64"));
        } else if (!doc.isTextual()) {
            errors.add(new FieldError(prefix + "document", "wrong_type", "expected a base64 string"));
        } else {
            try {
                document = Base64.getDecoder().decode(doc.asText());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(prefix + "document", "bad_base64", "not standard base64: " + e.getMessage()));
            }
        }
        String contentType = contentType(root.get("contentType"), prefix + "contentType", errors);
        Submission.EnterpriseSignature sig = null;
        JsonNode es = root.get("enterpriseSignature");
        if (es != null && !es.isNull()) {
            if (!es.isObject() || !es.path("keyId").isTextual() || !es.path("signature").isTextual()) {
                errors.add(new FieldError(prefix + "enterpriseSignature", "wrong_type", "expected {keyId, signature} strings"));
            } else {
                sig = new Submission.EnterpriseSignature(es.get("keyId").asText(), es.get("signature").asText());
            }
        }
        Invoice invoice = null;
        JsonNode inv = root.get("invoice");
        if (inv == null || inv.isNull()) {
            errors.add(new FieldError(prefix + "invoice", "required", "the invoice's structured fields"));
        } else if (!inv.isObject()) {
            errors.add(new FieldError(prefix + "invoice", "wrong_type", "expected a JSON object"));
        } else {
            try {
                invoice = InvoiceJson.parse(Json.bytes(inv));
            } catch (ValidationException e) {
                for (FieldError f : e.errors()) {
                    errors.add(invoiceField(f, prefix));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Submission(invoice, document, contentType, sig);
    }

    private static String contentType(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            errors.add(new FieldError(field, "required", "the document's media type, e.g. application/xml"));
            return null;
        }
        if (!node.isTextual() || !MEDIA_TYPE.matcher(node.asText().strip()).matches()) {
            errors.add(new FieldError(field, "bad_format", "a media type such as application/pdf"));
            return null;
        }
        return node.asText().strip();
    }

    static FieldError invoiceField(FieldError f, String prefix) {
        return new FieldError(prefix + (f.field().isEmpty() ? "invoice" : "invoice." + f.field()), f.code(), f.message());
    }

    /** The node names invoice fields relative to the invoice; put them under "invoice." as in the request. */
    static <T> T prefixed(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ValidationException e) {
            List<FieldError> out = new ArrayList<>();
            for (FieldError f : e.errors()) {
                boolean own = f.field().equals("document") || f.field().equals("contentType")
                        || f.field().startsWith("enterpriseSignature");
                out.add(own ? f : invoiceField(f, ""));
            }
            throw new ValidationException(out);
        }
    }

    private Submission multipart(RoutingContext ctx) throws IOException {
        List<FieldError> errors = new ArrayList<>();
        byte[] invoiceJson = null;
        FileUpload document = null;
        for (FileUpload u : ctx.fileUploads()) {
            if (u.name().equals("invoice")) {
                invoiceJson = Files.readAllBytes(Path.of(u.uploadedFileName()));
            } else if (u.name().equals("document")) {
                document = u;
            } else {
                errors.add(new FieldError(u.name(), "unknown_field", "parts are 'invoice' and 'document'"));
            }
        }
        if (invoiceJson == null && ctx.request().getFormAttribute("invoice") != null) {
            invoiceJson = ctx.request().getFormAttribute("invoice").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        Invoice invoice = null;
        if (invoiceJson == null) {
            errors.add(new FieldError("invoice", "required", "a part 'invoice' with the invoice JSON"));
        } else {
            try {
                invoice = InvoiceJson.parse(invoiceJson);
            } catch (ValidationException e) {
                e.errors().forEach(f -> errors.add(invoiceField(f, "")));
            }
        }
        byte[] bytes = null;
        String contentType = null;
        if (document == null) {
            errors.add(new FieldError("document", "required", "a file part 'document' with the original"));
        } else {
            bytes = Files.readAllBytes(Path.of(document.uploadedFileName()));
            String ct = ctx.request().getFormAttribute("contentType");
            contentType = contentType(com.fasterxml.jackson.databind.node.TextNode.valueOf(
                    ct != null ? ct : document.contentType() == null ? "" : document.contentType()), "contentType", errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Submission(invoice, bytes, contentType);
    }

    // ------------------------------------------------------------------ POST /v1/invoices:batch

    void batch(RoutingContext ctx) {
        Caller caller = Gateway.caller(ctx);
        caller.require(Caller.Role.ENTERPRISE, Caller.Role.OPERATOR);
        Gateway.requireJson(ctx);
        byte[] body = Gateway.body(ctx);
        gw.blocking(() -> {
            // an overloaded node answers 503 before parsing and sealing up to maxBatchItems invoices
            gw.runtime().archive().anchors().checkBacklog();
            JsonNode root = Json.parseBody(body);
            JsonNode items = root.isObject() ? root.get("items") : null;
            if (items == null || !items.isArray()) {
                throw Json.fieldError("items", "required", "an array of submissions");
            }
            if (items.isEmpty() || items.size() > gw.config().maxBatchItems()) {
                throw Json.fieldError("items", items.isEmpty() ? "too_few" : "too_many",
                        "1 to " + gw.config().maxBatchItems() + " items");
            }
            int n = items.size();
            ObjectNode[] results = new ObjectNode[n];
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                final int idx = i;
                ObjectNode res = Json.object().put("index", i);
                results[i] = res;
                try {
                    Submission s = validated(submission(items.get(i), ""));
                    res.put("invoiceId", s.invoice().id().format());
                    if (!caller.actsFor(s.invoice().seller().creditCode())) {
                        throw ApiException.forbidden("this token may not submit invoices of seller "
                                + s.invoice().seller().creditCode());
                    }
                    pending.add(prefixed(() -> gw.runtime().node().submit(s)).handle((r, e) -> {
                        if (e != null) {
                            problem(res, e);
                        } else {
                            res.put("status", r.existing() ? 200 : 202);
                            res.set("receipt", Views.receipt(r));
                        }
                        return null;
                    }));
                } catch (RuntimeException e) {
                    problem(res, e);
                }
                results[idx] = res;
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            ObjectNode out = Json.object();
            ArrayNode arr = out.putArray("items");
            int ok = 0;
            for (ObjectNode r : results) {
                arr.add(r);
                if (r.path("status").asInt() < 300) {
                    ok++;
                }
            }
            out.put("accepted", ok).put("failed", n - ok);
            return out;
        }).onSuccess(out -> Gateway.json(ctx, 200, out)).onFailure(ctx::fail);
    }

    private static void problem(ObjectNode res, Throwable e) {
        ApiException p = Problems.of(e);
        res.put("status", p.status());
        ObjectNode prob = res.putObject("problem").put("type", p.type()).put("title", p.title())
                .put("status", p.status()).put("detail", p.getMessage());
        if (!p.errors().isEmpty()) {
            ArrayNode errs = prob.putArray("errors");
            p.errors().forEach(f -> errs.addObject().put("field", f.field()).put("code", f.code()).put("message", f.message()));
        }
    }

    // ------------------------------------------------------------------ reads

    /** The invoice id from the path; another enterprise's invoice is reported as not found. */
    static String visibleId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Caller caller = Gateway.caller(ctx);
        if (id == null || !INVOICE_ID.matcher(id).matches()) {
            throw ApiException.notFound("no invoice " + id + " (an invoice id is 18 + 20 characters)");
        }
        if (!caller.actsFor(id.substring(0, 18))) {
            throw ApiException.notFound("no archived invoice " + id);
        }
        ctx.put(Gateway.TARGET, id);
        return id;
    }

    void get(RoutingContext ctx) {
        String id = visibleId(ctx);
        gw.blocking(() -> {
            ArchivedInvoice inv = gw.runtime().archive().invoices().get(id)
                    .orElseThrow(() -> ApiException.notFound("no archived invoice " + id));
            return Views.invoice(inv, gw.runtime().archive().anchors().anchorState(id), true);
        }).onSuccess(o -> Gateway.json(ctx, 200, o)).onFailure(ctx::fail);
    }

    void document(RoutingContext ctx) {
        String id = visibleId(ctx);
        gw.blocking(() -> {
            ArchivedInvoice inv = gw.runtime().archive().invoices().get(id)
                    .orElseThrow(() -> ApiException.notFound("no archived invoice " + id));
            if (inv.disposed()) {
                throw new ApiException(410, "disposed", "Gone", "invoice " + id + " was disposed at " + inv.disposedAt());
            }
            String etag = "\"" + inv.docHash() + "\"";
            String inm = ctx.request().getHeader("If-None-Match");
            if (inm != null && (inm.contains(etag) || inm.strip().equals("*"))) {
                return new Doc(inv, null, etag);
            }
            byte[] bytes = gw.runtime().archive().documents().document(inv.docHash())
                    .orElseThrow(() -> new ApiException(410, "disposed", "Gone", "the document of " + id + " is not held"));
            return new Doc(inv, bytes, etag);
        }).onSuccess(d -> sendDocument(ctx, d)).onFailure(ctx::fail);
    }

    private record Doc(ArchivedInvoice inv, byte[] bytes, String etag) {}

    private static void sendDocument(RoutingContext ctx, Doc d) {
        var res = ctx.response();
        res.putHeader("ETag", d.etag()).putHeader("Accept-Ranges", "bytes");
        if (d.bytes() == null) {
            res.setStatusCode(304).end();
            return;
        }
        res.putHeader("Content-Type", d.inv().contentType())
                .putHeader("Content-Disposition", "attachment; filename=\"" + d.inv().invoiceId() + "\"");
        long len = d.bytes().length;
        String range = ctx.request().getHeader("Range");
        String ifRange = ctx.request().getHeader("If-Range");
        if (range != null && (ifRange == null || ifRange.equals(d.etag()))) {
            Matcher m = RANGE.matcher(range.strip());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                long start;
                long end;
                try {
                    if (m.group(1).isEmpty()) {
                        long suffix = Long.parseLong(m.group(2));
                        start = Math.max(0, len - suffix);
                        end = len - 1;
                    } else {
                        start = Long.parseLong(m.group(1));
                        end = m.group(2).isEmpty() ? len - 1 : Math.min(len - 1, Long.parseLong(m.group(2)));
                    }
                } catch (NumberFormatException e) {
                    start = len;
                    end = -1;
                }
                if (start >= len || end < start) {
                    res.putHeader("Content-Range", "bytes */" + len);
                    Problems.send(ctx, new ApiException(416, "range-not-satisfiable", "Range not satisfiable",
                            "the document has " + len + " bytes"));
                    return;
                }
                res.setStatusCode(206).putHeader("Content-Range", "bytes " + start + "-" + end + "/" + len)
                        .end(Buffer.buffer(java.util.Arrays.copyOfRange(d.bytes(), (int) start, (int) end + 1)));
                return;
            }
            // multiple or malformed ranges: ignored, the whole document is sent (RFC 9110 allows it)
        }
        res.setStatusCode(200).end(Buffer.buffer(d.bytes()));
    }

    void search(RoutingContext ctx) {
        Caller caller = Gateway.caller(ctx);
        var q = ctx.request();
        List<FieldError> errors = new ArrayList<>();
        String issuer = q.getParam("issuer");
        if ((issuer == null || issuer.isBlank()) && caller.role() == Caller.Role.ENTERPRISE && caller.codes().size() == 1) {
            issuer = caller.codes().iterator().next();
        }
        if (issuer == null || issuer.isBlank()) {
            errors.add(new FieldError("issuer", "required", "the issuer's credit code"));
        }
        LocalDate from = date(q.getParam("from"), "from", LocalDate.of(2000, 1, 1), errors);
        LocalDate to = date(q.getParam("to"), "to", LAST_DATE, errors);
        if (to != null && to.isAfter(LAST_DATE)) {
            to = LAST_DATE; // the index keys hold 4-digit years
        }
        InvoiceStatus status = null;
        String st = q.getParam("status");
        if (st != null && !st.isBlank()) {
            try {
                status = InvoiceStatus.valueOf(st.strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "bad_value", "one of ISSUED, DELIVERED, ACCEPTED, RED_REVERSED, DISPOSED"));
            }
        }
        int limit = 50;
        String l = q.getParam("limit");
        if (l != null && !l.isBlank()) {
            try {
                limit = Integer.parseInt(l.strip());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 500) {
                errors.add(new FieldError("limit", "bad_value", "1 to 500"));
            }
        }
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("from", "bad_value", "after 'to'"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        if (!caller.actsFor(issuer)) {
            throw ApiException.forbidden("this token may not read invoices of issuer " + issuer);
        }
        String cursor = q.getParam("cursor");
        String iss = issuer;
        LocalDate toDate = to;
        InvoiceStatus stat = status;
        int lim = limit;
        gw.blocking(() -> {
            SearchPage page;
            try {
                page = gw.runtime().archive().invoices().search(iss, from, toDate, stat, cursor == null || cursor.isBlank() ? null : cursor, lim);
            } catch (IllegalArgumentException e) {
                throw ApiException.validation(List.of(new FieldError("cursor", "bad_value", "not a cursor from a previous page")));
            }
            ObjectNode out = Json.object();
            ArrayNode items = out.putArray("items");
            for (ArchivedInvoice i : page.items()) {
                items.add(Views.invoice(i, gw.runtime().archive().anchors().anchorState(i.invoiceId()), false));
            }
            out.put("nextCursor", page.nextCursor());
            return out;
        }).onSuccess(o -> Gateway.json(ctx, 200, o)).onFailure(ctx::fail);
    }

    private static LocalDate date(String v, String field, LocalDate dflt, List<FieldError> errors) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "bad_format", "a date yyyy-MM-dd"));
            return null;
        }
    }

    // ------------------------------------------------------------------ transitions

    void transition(RoutingContext ctx) {
        String id = visibleId(ctx);
        Caller caller = Gateway.caller(ctx);
        Gateway.requireJson(ctx);
        byte[] body = Gateway.body(ctx);
        gw.blocking(() -> {
            JsonNode req = Json.parseBody(body);
            List<FieldError> errors = new ArrayList<>();
            if (!req.isObject()) {
                throw Json.fieldError("", "wrong_type", "expected {action, reason, ref}");
            }
            req.fieldNames().forEachRemaining(f -> {
                if (!Set.of("action", "reason", "ref").contains(f)) {
                    errors.add(new FieldError(f, "unknown_field", "fields are action, reason, ref"));
                }
            });
            String action = req.path("action").isTextual() ? req.get("action").asText().strip().toUpperCase() : null;
            String reason = req.path("reason").isTextual() ? req.get("reason").asText() : null;
            String ref = req.path("ref").isTextual() ? req.get("ref").asText() : "";
            if (action == null || (!ENTERPRISE_ACTIONS.contains(action) && !AUDITOR_ACTIONS.contains(action))) {
                errors.add(new FieldError("action", action == null ? "required" : "bad_value",
                        "one of DELIVER, ACCEPT, RED_REVERSE, LEGAL_HOLD_ON, LEGAL_HOLD_OFF, DISPOSE"));
            }
            if (reason == null || reason.isBlank()) {
                errors.add(new FieldError("reason", "required", "why the invoice changes"));
            }
            if (req.has("ref") && !req.get("ref").isTextual() && !req.get("ref").isNull()) {
                errors.add(new FieldError("ref", "wrong_type", "expected a string"));
            }
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            boolean auditorAction = AUDITOR_ACTIONS.contains(action);
            if (auditorAction != (caller.role() == Caller.Role.AUDITOR)) {
                throw ApiException.forbidden(auditorAction
                        ? "legal holds are set by auditors (TaxAuthorityMSP) only"
                        : "role " + caller.role().claim() + " may not " + action);
            }
            refuseLocally(id, action);
            Contract contract = gw.ledgers().contract(caller.role());
            SubmittedTransaction tx = contract.newProposal("transition")
                    .addArguments(id, action, reason, ref)
                    .build().endorse().submitAsync();
            byte[] result = tx.getResult();
            Status status = tx.getStatus();
            if (!status.isSuccessful()) {
                throw ApiException.unavailable("ledger-commit-failed", "transaction " + tx.getTransactionId()
                        + " was not committed: " + status.getCode() + "; retry", 1);
            }
            JsonNode record = Json.parseLedger(result);
            applyLocally(id, record, caller, reason);
            ObjectNode out = Json.object().put("invoiceId", id).put("action", action)
                    .put("txId", tx.getTransactionId()).put("blockNumber", status.getBlockNumber())
                    .put("status", record.path("status").asText()).put("legalHold", record.path("legalHold").asBoolean());
            out.set("ledgerRecord", record);
            return out;
        }).onSuccess(o -> Gateway.json(ctx, 200, o)).onFailure(ctx::fail);
    }

    /**
     * Refuses, before any ledger round trip, what the archived record already shows the chaincode
     * would refuse: any transition of a disposed invoice, and DISPOSE under legal hold or before the
     * CST date is after retainUntil (the chaincode's rule; our clock makes the transaction time).
     * The archive follows the ledger through the sync, so a hold set elsewhere may not be seen yet:
     * then the chaincode refuses, with the same 409. An invoice this archive does not hold goes to
     * the ledger as before.
     */
    private void refuseLocally(String id, String action) {
        ArchivedInvoice local = gw.runtime().archive().invoices().get(id).orElse(null);
        if (local == null) {
            return;
        }
        if (local.disposed()) {
            throw Problems.illegalTransition(action + " of " + id + ": the invoice was disposed at "
                    + local.disposedAt() + "; a disposed invoice cannot change");
        }
        if (action.equals("DISPOSE")) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), SealEncoding.CST);
            DisposalRefusedException.Reason refusal = local.legalHold() ? DisposalRefusedException.Reason.LEGAL_HOLD
                    : !today.isAfter(local.retainUntil()) ? DisposalRefusedException.Reason.RETENTION_NOT_OVER : null;
            if (refusal != null) {
                throw Problems.illegalTransition("DISPOSE refused: "
                        + DisposalRefusedException.message(id, refusal, local.retainUntil(), today));
            }
        }
    }

    private void applyLocally(String id, JsonNode record, Caller caller, String reason) {
        var archive = gw.runtime().archive().invoices();
        try {
            var local = archive.get(id);
            if (local.isEmpty() || local.get().disposed()) {
                return;
            }
            InvoiceStatus st = InvoiceStatus.valueOf(record.path("status").asText());
            boolean hold = record.path("legalHold").asBoolean();
            if (st == InvoiceStatus.DISPOSED) {
                // the archive checks retention and hold again; should its view lag, the sync applies the ledger's
                archive.dispose(id, caller.actor(), reason);
            } else if (local.get().status() != st || local.get().legalHold() != hold) {
                archive.updateStatus(id, st, hold, caller.actor(), reason);
            }
        } catch (RuntimeException e) {
            // the ledger is the truth; the ledger sync applies the event again
            org.slf4j.LoggerFactory.getLogger(InvoiceApi.class)
                    .warn("invoice {}: local status update after the ledger transition failed: {}", id, e.getMessage());
        }
    }

    // ------------------------------------------------------------------ provenance

    void provenance(RoutingContext ctx) {
        String id = visibleId(ctx);
        Caller caller = Gateway.caller(ctx);
        var archive = gw.runtime().archive();
        gw.blocking(() -> new Provenance(archive.invoices(), archive.documents(), gw.ledgers().reader(caller.role()))
                        .of(id))
                .onSuccess(o -> Gateway.json(ctx, 200, o)).onFailure(ctx::fail);
    }
}
