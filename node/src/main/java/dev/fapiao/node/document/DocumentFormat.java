package dev.fapiao.node.document;

/** The document formats the readers know. */
public enum DocumentFormat {
    /** GB/T 33190 OFD container, with GB/T 38540 / GM/T 0031 electronic seals. */
    OFD("OFD (GB/T 33190)"),
    /** The 数电票 (fully digitalised e-invoice) XML: {@code EInvoice} with Header, EInvoiceData, TaxSupervisionInfo. */
    CN_EINVOICE_XML("数电票 XML (EInvoice)"),
    /** OASIS UBL 2.1 Invoice or CreditNote (EN 16931, Peppol BIS 3, XRechnung UBL). */
    UBL("UBL 2.1"),
    /** UN/CEFACT Cross Industry Invoice (EN 16931, XRechnung CII, ZUGFeRD / Factur-X XML). */
    CII("UN/CEFACT CII"),
    /** PDF, possibly with an embedded ZUGFeRD / Factur-X XML invoice. */
    PDF("PDF");

    private final String title;

    DocumentFormat(String title) {
        this.title = title;
    }

    /** Human-readable name, e.g. {@code "OFD (GB/T 33190)"}. */
    public String title() {
        return title;
    }
}
