package dev.fapiao.node.document;

import java.math.BigDecimal;

/**
 * One invoice line as a Chinese structured invoice writes it; what a document-only submission's lines
 * are made of. A component is null when the document does not carry it (the 2019 VAT e-invoice has no
 * tax classification code, for instance).
 *
 * @param name      goods or service name (项目名称)
 * @param taxCode   19-digit tax classification code (税收分类编码)
 * @param quantity  quantity
 * @param unit      unit of measure
 * @param unitPrice unit price without tax
 * @param amount    amount without tax
 * @param taxRate   tax rate as a fraction ({@code 6%} is {@code 0.06})
 * @param tax       tax amount
 */
public record DocumentLine(String name, String taxCode, BigDecimal quantity, String unit, BigDecimal unitPrice,
        BigDecimal amount, BigDecimal taxRate, BigDecimal tax) {
}
