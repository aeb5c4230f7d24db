package dev.fapiao.bench;

import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.sample.InvoiceGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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

    private record Template(Invoice invoice, byte[] document, int numberOffset) {}

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
            int at = indexOf(doc, ("<InvoiceNumber>" + inv.number()).getBytes(StandardCharsets.US_ASCII));
            ts.add(new Template(inv, doc, at + "<InvoiceNumber>".length()));
        }
        return new InvoiceSource(List.copyOf(ts), new SplittableRandom(System.nanoTime() ^ seed));
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
        byte[] doc = t.document().clone();
        System.arraycopy(number.getBytes(StandardCharsets.US_ASCII), 0, doc, t.numberOffset(), 20);
        return new GeneratedInvoice(inv, doc);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("invoice number not found in the generated document");
    }
}
