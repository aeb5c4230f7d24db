package dev.fapiao.node.sample;

import dev.fapiao.node.invoice.CreditCode;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.invoice.InvoiceLine;
import dev.fapiao.node.invoice.InvoiceType;
import dev.fapiao.node.invoice.Party;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic, valid 数电票 for demos, tests and benchmarks: 1–20 lines of goods or
 * services at the standard VAT rates, exact totals, and an XML original of 2–50 KB.
 * Deterministic for a given seed; not thread-safe (one per thread).
 */
public final class InvoiceGenerator {

    private static final String CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final String[][] GOODS = {
        {"*信息技术服务*软件维护服务", "3040201000000000000", "0.06", "次"},
        {"*电子计算机*笔记本电脑", "1090511030000000000", "0.13", "台"},
        {"*纸制品*复印纸 A4 70g", "1060201010000000000", "0.13", "箱"},
        {"*运输服务*国内道路货物运输服务", "3010102020100000000", "0.09", "次"},
        {"*餐饮服务*餐饮服务", "3070401000000000000", "0.06", "次"},
        {"*经纪代理服务*代理报关服务", "3040802010000000000", "0.06", "票"},
        {"*钢材*热轧带肋钢筋 HRB400", "1080203010100000000", "0.13", "吨"},
        {"*农产品*大米", "1010101020000000000", "0.09", "千克"},
    };
    private static final String[] COMPANIES = {
        "北京数智云科技有限公司", "上海浦江物流有限公司", "深圳南山电子股份有限公司",
        "杭州西湖软件有限公司", "成都天府餐饮管理有限公司", "广州珠江贸易有限公司",
    };

    private final Random random;

    public InvoiceGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** A valid credit code (GB 32100-2015 check character). */
    public String creditCode() {
        StringBuilder sb = new StringBuilder("91");
        sb.append(110000 + random.nextInt(550000));
        for (int i = 0; i < 9; i++) {
            sb.append(CODE_CHARS.charAt(random.nextInt(CODE_CHARS.length())));
        }
        return sb.append(CreditCode.checkCharacter(sb)).toString();
    }

    /** A 20-digit invoice number. */
    public String number() {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    /** A normal invoice by {@code sellerCode}, issued at {@code issueTime}, with 1–20 lines. */
    public Invoice invoice(String sellerCode, Instant issueTime) {
        int n = 1 + random.nextInt(20);
        List<InvoiceLine> lines = new ArrayList<>(n);
        BigDecimal totalAmount = BigDecimal.ZERO.setScale(2);
        BigDecimal totalTax = BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < n; i++) {
            String[] g = GOODS[random.nextInt(GOODS.length)];
            BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(50));
            BigDecimal price = BigDecimal.valueOf(100 + random.nextInt(1_000_000), 2);
            BigDecimal amount = qty.multiply(price).setScale(2, RoundingMode.HALF_UP);
            BigDecimal rate = new BigDecimal(g[2]);
            BigDecimal tax = amount.multiply(rate).setScale(2, RoundingMode.HALF_UP);
            lines.add(new InvoiceLine(g[0], g[1], qty, g[3], price, amount, rate, tax));
            totalAmount = totalAmount.add(amount);
            totalTax = totalTax.add(tax);
        }
        Party seller = new Party(COMPANIES[random.nextInt(COMPANIES.length)], sellerCode);
        Party buyer = new Party(COMPANIES[random.nextInt(COMPANIES.length)], creditCode());
        return new Invoice(number(), issueTime, seller, buyer, lines, totalAmount, totalTax,
                totalAmount.add(totalTax), "CNY", null, InvoiceType.NORMAL, null);
    }

    /**
     * An XML original for the invoice, padded to a size between {@code minBytes} and
     * {@code maxBytes} (real e-invoice files carry signatures, seals and images).
     */
    public byte[] document(Invoice invoice, int minBytes, int maxBytes) {
        int target = minBytes + random.nextInt(Math.max(1, maxBytes - minBytes + 1));
        StringBuilder x = new StringBuilder(target + 256);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<EInvoice>\n")
                .append("  <InvoiceNumber>").append(invoice.number()).append("</InvoiceNumber>\n")
                .append("  <IssueTime>").append(invoice.issueTime()).append("</IssueTime>\n")
                .append("  <Seller><Name>").append(invoice.seller().name()).append("</Name><TaxID>")
                .append(invoice.seller().creditCode()).append("</TaxID></Seller>\n")
                .append("  <Buyer><Name>").append(invoice.buyer().name()).append("</Name><TaxID>")
                .append(invoice.buyer().creditCode()).append("</TaxID></Buyer>\n");
        for (InvoiceLine l : invoice.lines()) {
            x.append("  <Item><Name>").append(l.name()).append("</Name><Amount>").append(l.amount().toPlainString())
                    .append("</Amount><TaxRate>").append(l.taxRate().toPlainString()).append("</TaxRate><Tax>")
                    .append(l.tax().toPlainString()).append("</Tax></Item>\n");
        }
        x.append("  <TotalWithTax>").append(invoice.totalWithTax().toPlainString()).append("</TotalWithTax>\n  <SignatureValue>");
        byte[] noise = new byte[3];
        while (x.length() < target - 32) {
            random.nextBytes(noise);
            x.append(java.util.Base64.getEncoder().encodeToString(noise));
        }
        x.append("</SignatureValue>\n</EInvoice>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }
}
