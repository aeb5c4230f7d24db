package dev.fapiao.gateway;

import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.invoice.ValidationException;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary submission form, {@value #MEDIA_TYPE}: a body of frames, each
 * {@code u32 metadataLength, metadata (UTF-8 JSON: the JSON submission without "document"),
 * u32 documentLength, document (the original's bytes)}, lengths big-endian. One frame for
 * {@code POST /v1/invoices}, 1 to {@code maxBatchItems} for the batch. The original is copied once,
 * from the request buffer into its own array, and never base64-coded (docs/gateway.md).
 */
final class SubmissionFrames {

    static final String MEDIA_TYPE = "application/vnd.fapiao.submission-frames";

    /** One submission as framed: its metadata JSON and its document, each in its own array. */
    record Frame(byte[] metadata, byte[] document) {}

    private SubmissionFrames() {
    }

    /**
     * Reads every frame of {@code body}.
     *
     * @throws ValidationException a truncated body or a length beyond it
     *         ({@code malformed_frame}), no frame or more than {@code max} ({@code too_few}, {@code too_many})
     */
    static List<Frame> read(Buffer body, int max) {
        int n = body == null ? 0 : body.length();
        List<Frame> frames = new ArrayList<>();
        int pos = 0;
        while (pos < n) {
            if (frames.size() == max) {
                throw Json.fieldError("items", "too_many", "1 to " + max + " frames");
            }
            String at = "frame " + frames.size() + " at byte " + pos;
            int metaLen = length(body, pos, at + ": metadata length");
            pos += 4;
            byte[] meta = slice(body, pos, metaLen, at + ": metadata");
            pos += metaLen;
            int docLen = length(body, pos, at + ": document length");
            pos += 4;
            byte[] doc = slice(body, pos, docLen, at + ": document");
            pos += docLen;
            frames.add(new Frame(meta, doc));
        }
        if (frames.isEmpty()) {
            throw Json.fieldError("items", "too_few", "the body holds no frame");
        }
        return frames;
    }

    private static int length(Buffer body, int pos, String what) {
        if (body.length() - pos < 4) {
            throw malformed(what + " is cut off");
        }
        int len = body.getInt(pos);
        if (len < 0) {
            throw malformed(what + " is negative");
        }
        return len;
    }

    private static byte[] slice(Buffer body, int pos, int len, String what) {
        if (body.length() - pos < len) {
            throw malformed(what + " needs " + len + " bytes, " + (body.length() - pos) + " are left");
        }
        return body.getBytes(pos, pos + len);
    }

    private static ValidationException malformed(String message) {
        return new ValidationException(List.of(new FieldError("", "malformed_frame", message)));
    }
}
