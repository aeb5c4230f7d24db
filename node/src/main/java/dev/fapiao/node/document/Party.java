package dev.fapiao.node.document;

/**
 * A seller or buyer as the document names it.
 *
 * @param name  registered or trading name; null when the document has none
 * @param taxId tax identifier: the unified social credit code (统一社会信用代码 / 纳税人识别号) for Chinese
 *              invoices, the VAT identifier (else the legal registration id) for UBL/CII; null when absent
 */
public record Party(String name, String taxId) {
}
