package dev.fapiao.node.document.xml;

import dev.fapiao.node.document.DocumentFormat;
import dev.fapiao.node.document.FieldValues;
import dev.fapiao.node.document.InvoiceFields;
import dev.fapiao.node.document.Party;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * UN/CEFACT Cross Industry Invoice D16B ({@code rsm:CrossIndustryInvoice}: EN 16931 CII syntax, XRechnung
 * CII, ZUGFeRD 2 / Factur-X XML). Same business terms as {@link UblReader}.
 */
public final class CiiReader extends XmlInvoiceReader {
    static final String NS = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";

    public CiiReader(SecureXml xml, String checkedBy) {
        super(xml, checkedBy);
    }

    @Override
    public DocumentFormat format() {
        return DocumentFormat.CII;
    }

    @Override
    public boolean accepts(XmlElement root) {
        return root.is("CrossIndustryInvoice") && NS.equals(root.namespace());
    }

    @Override
    InvoiceFields fields(XmlElement root, String source) {
        Optional<XmlElement> trade = root.path("SupplyChainTradeTransaction");
        XmlElement agreement = trade.flatMap(t -> t.path("ApplicableHeaderTradeAgreement")).orElse(null);
        XmlElement settlement = trade.flatMap(t -> t.path("ApplicableHeaderTradeSettlement")).orElse(null);
        String currency = settlement == null ? null : settlement.text("InvoiceCurrencyCode");
        XmlElement sums = settlement == null ? null
                : settlement.path("SpecifiedTradeSettlementHeaderMonetarySummation").orElse(null);
        return new InvoiceFields(source, root.text("ExchangedDocument", "ID"), null,
                root.text("ExchangedDocument", "TypeCode"),
                FieldValues.date(root.text("ExchangedDocument", "IssueDateTime", "DateTimeString"), "IssueDateTime"),
                currency, party(agreement, "SellerTradeParty"), party(agreement, "BuyerTradeParty"),
                amount(sums, "TaxBasisTotalAmount"), taxTotal(sums, currency), amount(sums, "GrandTotalAmount"),
                amount(sums, "DuePayableAmount"),
                trade.map(t -> t.children("IncludedSupplyChainTradeLineItem").size()).orElse(0));
    }

    private static Party party(XmlElement agreement, String role) {
        XmlElement p = agreement == null ? null : agreement.path(role).orElse(null);
        if (p == null) {
            return new Party(null, null);
        }
        List<XmlElement> regs = p.children("SpecifiedTaxRegistration").stream()
                .flatMap(r -> r.children("ID").stream()).toList();
        String taxId = regs.stream().filter(id -> "VA".equals(id.attribute("schemeID"))).map(XmlElement::text)
                .findFirst().orElse(regs.isEmpty() ? p.text("SpecifiedLegalOrganization", "ID") : regs.get(0).text());
        return new Party(p.text("Name"), taxId);
    }

    /** BT-110: the TaxTotalAmount in the invoice currency (a second one may be in the tax currency). */
    private static BigDecimal taxTotal(XmlElement sums, String currency) {
        if (sums == null) {
            return null;
        }
        List<XmlElement> all = sums.children("TaxTotalAmount");
        XmlElement pick = all.stream().filter(a -> currency != null && currency.equals(a.attribute("currencyID")))
                .findFirst().orElse(all.isEmpty() ? null : all.get(0));
        return pick == null ? null : FieldValues.amount(pick.text(), "TaxTotalAmount");
    }

    private static BigDecimal amount(XmlElement sums, String name) {
        return sums == null ? null : FieldValues.amount(sums.text(name), name);
    }
}
