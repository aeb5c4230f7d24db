package dev.fapiao.bench;

import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.sample.InvoiceGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Invoices for both phases, from the node's {@link InvoiceGenerator}: a pool of templates (1–20
 * lines, 2–50 KB XML original) made once from a fixed seed, each next invoice a template with a
 * fresh random 20-digit number (patched into its document too, so every document and id is new).
 * Generating a 50 KB original per request would cost the client as much CPU as the node spends on
 * it; the pool keeps the client cheap while lines, sizes and hashes still vary. Not thread-safe:
 * one per worker thread ({@link #fork}).
 */
public final class InvoiceSource {

    public static final int MIN_DOC_BYTES = 2 * 1024;
    public static final int MAX_DOC_BYTES = 50 * 1024;

    /**
     * One template: the invoice, its original with the number at {@code numberOffset}, and the
     * whole submission JSON with the number's places in it (in the invoice JSON, and inside the
     * base64 of the document: only the base64 quanta that cover the number change), and the binary
     * frame's head with the number's places in its metadata.
     */
    private record Template(Invoice invoice, byte[] document, int numberOffset, byte[] submission,
                            int[] numberAt, int base64At, byte[] frameHead, int[] frameNumberAt) {}

    private final List<Template> templates;
    private final SplittableRandom random;

    private InvoiceSource(List<Template> templates, SplittableRandom random) {
        this.templates = templates;
        this.random = random;
    }

    /** {@code size} templates by seller {@code sellerCode}, issued a minute ago. */
    public static InvoiceSource create(long seed, int size, String sellerCode) {
        InvoiceGenerator gen = new InvoiceGenerator(seed);
        Instant issued = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        List<Template> ts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Invoice inv = gen.invoice(sellerCode, issued);
            byte[] doc = gen.document(inv, MIN_DOC_BYTES, MAX_DOC_BYTES);
            int at = indexOf(doc, ("<InvoiceNumber>" + inv.number()).getBytes(StandardCharsets.US_ASCII), 0)
                    + "<InvoiceNumber>".length();
            if (at < "<InvoiceNumber>".length()) {
                throw new IllegalStateException("invoice number not found in the generated document");
            }
            ts.add(template(inv, doc, at));
        }
        InvoiceSource source = new InvoiceSource(List.copyOf(ts), new SplittableRandom(System.nanoTime() ^ seed));
        source.selfCheck();
        return source;
    }

    private static Template template(Invoice inv, byte[] doc, int numberOffset) {
        byte[] json = GatewayClient.submission(new GeneratedInvoice(inv, doc)).getBytes(StandardCharsets.UTF_8);
        byte[] head = GatewayClient.frameHead(new GeneratedInvoice(inv, doc));
        byte[] number = inv.number().getBytes(StandardCharsets.US_ASCII);
        // the number's places in the invoice JSON (before the document member)
        int docMember = indexOf(json, "\"document\":\"".getBytes(StandardCharsets.US_ASCII), 0);
        List<Integer> places = new ArrayList<>();
        for (int i = indexOf(json, number, 0); i >= 0 && i < docMember; i = indexOf(json, number, i + 1)) {
            places.add(i);
        }
        List<Integer> headPlaces = new ArrayList<>();
        for (int i = indexOf(head, number, 0); i >= 0; i = indexOf(head, number, i + 1)) {
            headPlaces.add(i);
        }
        return new Template(inv, doc, numberOffset, json, places.stream().mapToInt(Integer::intValue).toArray(),
                docMember + "\"document\":\"".length(), head, headPlaces.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Same templates, an independent random stream (for another thread). */
    public InvoiceSource fork() {
        return new InvoiceSource(templates, random.split());
    }

    public GeneratedInvoice next() {
        Template t = templates.get(random.nextInt(templates.size()));
        char[] digits = new char[20];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        String number = new String(digits);
        Invoice x = t.invoice();
        Invoice inv = new Invoice(number, x.issueTime(), x.seller(), x.buyer(), x.lines(), x.totalAmount(),
                x.totalTax(), x.totalWithTax(), x.currency(), x.remarks(), x.type(), x.reverses());
        byte[] num = number.getBytes(StandardCharsets.US_ASCII);
        byte[] doc = t.document().clone();
        System.arraycopy(num, 0, doc, t.numberOffset(), num.length);
        byte[] json = t.submission().clone();
        for (int at : t.numberAt()) {
            System.arraycopy(num, 0, json, at, num.length);
        }
        // re-encode only the base64 quanta (3 bytes -> 4 characters) that hold the number
        int from = t.numberOffset() / 3 * 3;
        int to = Math.min(doc.length, (t.numberOffset() + num.length + 2) / 3 * 3);
        byte[] quanta = Base64.getEncoder().encode(Arrays.copyOfRange(doc, from, to));
        System.arraycopy(quanta, 0, json, t.base64At() + from / 3 * 4, quanta.length);
        byte[] head = t.frameHead().clone();
        for (int at : t.frameNumberAt()) {
            System.arraycopy(num, 0, head, at, num.length);
        }
        return new GeneratedInvoice(inv, doc, json, head);
    }

    /** The patched submissions must equal freshly serialised ones (else the run would measure garbage). */
    private void selfCheck() {
        InvoiceSource probe = fork();
        for (int i = 0; i < 200; i++) {
            GeneratedInvoice g = probe.next();
            byte[] fresh = GatewayClient.submission(new GeneratedInvoice(g.invoice(), g.document()))
                    .getBytes(StandardCharsets.UTF_8);
            if (!Arrays.equals(fresh, g.submission())
                    || !Arrays.equals(GatewayClient.frameHead(new GeneratedInvoice(g.invoice(), g.document())), g.frameHead())) {
                throw new IllegalStateException("patched submission differs from the serialised one for "
                        + g.invoice().number());
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int start) {
        outer:
        for (int i = start; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
