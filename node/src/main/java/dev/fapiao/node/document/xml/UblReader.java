package dev.fapiao.node.document.xml;

import dev.fapiao.node.document.DocumentFormat;
import dev.fapiao.node.document.FieldValues;
import dev.fapiao.node.document.InvoiceFields;
import dev.fapiao.node.document.Party;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * OASIS UBL 2.1 {@code Invoice} and {@code CreditNote} (EN 16931 / Peppol BIS 3 / XRechnung UBL syntax).
 * Fields by EN 16931 business term: BT-1 number, BT-3 type, BT-2 issue date, BT-5 currency, BG-4 seller,
 * BG-7 buyer, BT-109/110/112/115 totals, BG-25 lines.
 */
public final class UblReader extends XmlInvoiceReader {
    static final String INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    static final String CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

    public UblReader(SecureXml xml, String checkedBy) {
        super(xml, checkedBy);
    }

    @Override
    public DocumentFormat format() {
        return DocumentFormat.UBL;
    }

    @Override
    public boolean accepts(XmlElement root) {
        return (root.is("Invoice") && INVOICE_NS.equals(root.namespace()))
                || (root.is("CreditNote") && CREDIT_NOTE_NS.equals(root.namespace()));
    }

    @Override
    InvoiceFields fields(XmlElement root, String source) {
        boolean credit = root.is("CreditNote");
        String currency = root.text("DocumentCurrencyCode");
        return new InvoiceFields(source, root.text("ID"), null,
                root.text(credit ? "CreditNoteTypeCode" : "InvoiceTypeCode"),
                FieldValues.date(root.text("IssueDate"), "IssueDate"), currency,
                party(root, "AccountingSupplierParty"), party(root, "AccountingCustomerParty"),
                amount(root, "LegalMonetaryTotal", "TaxExclusiveAmount"), taxTotal(root, currency),
                amount(root, "LegalMonetaryTotal", "TaxInclusiveAmount"),
                amount(root, "LegalMonetaryTotal", "PayableAmount"),
                root.children(credit ? "CreditNoteLine" : "InvoiceLine").size());
    }

    private static Party party(XmlElement root, String role) {
        Optional<XmlElement> p = root.path(role, "Party");
        if (p.isEmpty()) {
            return new Party(null, null);
        }
        XmlElement party = p.get();
        String name = party.text("PartyLegalEntity", "RegistrationName");
        if (name == null) {
            name = party.text("PartyName", "Name");
        }
        List<XmlElement> schemes = party.children("PartyTaxScheme");
        String taxId = schemes.stream().filter(s -> "VAT".equals(s.text("TaxScheme", "ID")))
                .map(s -> s.text("CompanyID")).filter(v -> v != null).findFirst()
                .orElse(schemes.stream().map(s -> s.text("CompanyID")).filter(v -> v != null).findFirst()
                        .orElse(party.text("PartyLegalEntity", "CompanyID")));
        return new Party(name, taxId);
    }

    /** BT-110: the TaxTotal whose amount is in the document currency (BT-111 is the tax-currency one). */
    private static BigDecimal taxTotal(XmlElement root, String currency) {
        List<XmlElement> amounts = root.children("TaxTotal").stream()
                .flatMap(t -> t.children("TaxAmount").stream()).toList();
        XmlElement pick = amounts.stream().filter(a -> currency != null && currency.equals(a.attribute("currencyID")))
                .findFirst().orElse(amounts.isEmpty() ? null : amounts.get(0));
        return pick == null ? null : FieldValues.amount(pick.text(), "TaxTotal/TaxAmount");
    }

    private static BigDecimal amount(XmlElement root, String... path) {
        return FieldValues.amount(root.text(path), String.join("/", path));
    }
}
