package dev.fapiao.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.invoice.ValidationException;
import dev.fapiao.node.service.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The body of {@code POST /v1/invoices/{id}/transitions}: {@code {action, reason, ref?}}. */
final class TransitionBody {

    private static final Set<String> FIELDS = Set.of("action", "reason", "ref");

    private TransitionBody() {
    }

    /** @throws ValidationException every bad field */
    static Transition parse(String invoiceId, JsonNode req) {
        if (req == null || !req.isObject()) {
            throw Json.fieldError("", "wrong_type", "expected {action, reason, ref}");
        }
        List<FieldError> errors = new ArrayList<>();
        req.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                errors.add(new FieldError(f, "unknown_field", "fields are action, reason, ref"));
            }
        });
        // exactly as the contract spells it: "deliver" or " DELIVER" is not an action
        String name = req.path("action").isTextual() ? req.get("action").asText() : null;
        Transition.Action action = null;
        try {
            action = name == null ? null : Transition.Action.valueOf(name);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        String reason = req.path("reason").isTextual() ? req.get("reason").asText() : null;
        String ref = req.path("ref").isTextual() ? req.get("ref").asText() : "";
        if (action == null) {
            errors.add(new FieldError("action", name == null ? "required" : "bad_value",
                    "one of DELIVER, ACCEPT, RED_REVERSE, LEGAL_HOLD_ON, LEGAL_HOLD_OFF, DISPOSE"));
        }
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("reason", "required", "why the invoice changes"));
        } else if (hasControl(reason)) {
            errors.add(new FieldError("reason", "control_character",
                    "no control characters (NUL, ESC, line breaks...): the reason goes on the ledger as it is"));
        }
        if (hasControl(ref)) {
            errors.add(new FieldError("ref", "control_character", "no control characters"));
        }
        if (req.has("ref") && !req.get("ref").isTextual() && !req.get("ref").isNull()) {
            errors.add(new FieldError("ref", "wrong_type", "expected a string"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Transition(invoiceId, action, reason, ref);
    }

    /** C0 controls, DEL and C1 controls (Unicode category Cc). */
    static boolean hasControl(String s) {
        return s.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL);
    }
}
