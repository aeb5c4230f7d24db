package dev.fapiao.node.document.xml;

import dev.fapiao.node.document.DocumentLine;
import dev.fapiao.node.document.FieldValues;
import dev.fapiao.node.document.InvoiceFields;
import dev.fapiao.node.document.Party;
import java.util.List;

/**
 * Fields of the two Chinese structured invoices: the 数电票 {@code EInvoice} (names matched ignoring case,
 * see docs/documents.md for the structure) and the pre-数电 VAT e-invoice {@code eInvoice} of namespace
 * {@value #EDRM_NS} that OFD invoices embed as {@code Attachs/original_invoice.xml}.
 */
public final class CnInvoiceFields {
    public static final String EDRM_NS = "http://www.edrm.org.cn/schema/e-invoice/2019";

    private CnInvoiceFields() {
    }

    /** True for an {@code eInvoice} root of the 2019 VAT e-invoice namespace. */
    public static boolean isEdrm(XmlElement root) {
        return "eInvoice".equals(root.name()) && EDRM_NS.equals(root.namespace())
                || "eInvoice".equals(root.name()) && root.children().stream().anyMatch(c -> EDRM_NS.equals(c.namespace()));
    }

    /** True for a 数电票 {@code EInvoice} root (any case). */
    public static boolean isEInvoice(XmlElement root) {
        return root.name().equalsIgnoreCase("EInvoice") && !isEdrm(root);
    }

    /** The 2019 VAT e-invoice ({@code fp:InvoiceNo}, {@code fp:Seller/fp:SellerTaxID}, …). */
    public static InvoiceFields edrm(XmlElement root, String source) {
        List<XmlElement> goods = root.path("GoodsInfos").map(g -> g.children("GoodsInfo")).orElse(List.of());
        return new InvoiceFields(source, root.text("InvoiceNo"), root.text("InvoiceCode"), root.text("TypeCode"),
                FieldValues.date(root.text("IssueDate"), "IssueDate"), "CNY",
                new Party(root.text("Seller", "SellerName"), root.text("Seller", "SellerTaxID")),
                new Party(root.text("Buyer", "BuyerName"), root.text("Buyer", "BuyerTaxID")),
                FieldValues.amount(root.text("TaxExclusiveTotalAmount"), "TaxExclusiveTotalAmount"),
                FieldValues.amount(root.text("TaxTotalAmount"), "TaxTotalAmount"),
                FieldValues.amount(root.text("TaxInclusiveTotalAmount"), "TaxInclusiveTotalAmount"), null,
                goods.size(), goods.stream().map(CnInvoiceFields::goodsLine).toList());
    }

    /** What the 2019 invoice's own {@code fp:Signature} is (described, not verified), or null when it has none. */
    public static String edrmSignatureNote(XmlElement root, String source) {
        return EdrmSignature.note(root.text("Signature"), source);
    }

    /** The 数电票 XML; the tree must have been parsed ignoring case. */
    public static InvoiceFields eInvoice(XmlElement root, String source) {
        String number = root.text("Header", "EIid");
        if (number == null) {
            number = root.text("TaxSupervisionInfo", "InvoiceNumber");
        }
        String issued = root.text("TaxSupervisionInfo", "IssueTime");
        if (issued == null) {
            issued = root.text("EInvoiceData", "BasicInformation", "RequestTime");
        }
        String type = root.text("Header", "InherentLabel", "EInvoiceType", "LabelCode");
        List<XmlElement> items = root.path("EInvoiceData").map(d -> d.children("IssuItemInformation")).orElse(List.of());
        return new InvoiceFields(source, number, null, type, FieldValues.date(issued, "IssueTime"), "CNY",
                new Party(root.text("EInvoiceData", "SellerInformation", "SellerName"),
                        root.text("EInvoiceData", "SellerInformation", "SellerIdNum")),
                new Party(root.text("EInvoiceData", "BuyerInformation", "BuyerName"),
                        root.text("EInvoiceData", "BuyerInformation", "BuyerIdNum")),
                FieldValues.amount(root.text("EInvoiceData", "BasicInformation", "TotalAmWithoutTax"), "TotalAmWithoutTax"),
                FieldValues.amount(root.text("EInvoiceData", "BasicInformation", "TotalTaxAm"), "TotalTaxAm"),
                FieldValues.amount(root.text("EInvoiceData", "BasicInformation", "TotalTax-includedAmount"),
                        "TotalTax-includedAmount"), null, items.size(),
                items.stream().map(CnInvoiceFields::itemLine).toList());
    }

    /** A 2019 {@code GoodsInfo}: Item, MeasurementDimension, Price, Quantity, Amount, TaxScheme, TaxAmount. */
    private static DocumentLine goodsLine(XmlElement g) {
        return line(g, "GoodsInfo", "Item", "MeasurementDimension", "Price", "TaxScheme", "TaxAmount");
    }

    /** A 数电票 {@code IssuItemInformation}: ItemName, MeaUnits, Quantity, UnPrice, Amount, TaxRate, ComTaxAm. */
    private static DocumentLine itemLine(XmlElement i) {
        return line(i, "IssuItemInformation", "ItemName", "MeaUnits", "UnPrice", "TaxRate", "ComTaxAm");
    }

    /** One line; both formats name the tax classification code, quantity and amount alike. */
    private static DocumentLine line(XmlElement e, String where, String name, String unit, String price, String rate,
                                     String tax) {
        return new DocumentLine(e.text(name), blankToNull(e.text("TaxClassificationCode")),
                FieldValues.amount(blankToNull(e.text("Quantity")), where + "/Quantity"), blankToNull(e.text(unit)),
                FieldValues.amount(blankToNull(e.text(price)), where + "/" + price),
                FieldValues.amount(e.text("Amount"), where + "/Amount"), FieldValues.rate(e.text(rate)),
                FieldValues.amount(e.text(tax), where + "/" + tax));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
