package dev.fapiao.node.renewal;

/**
 * The outcome of {@link Renewer#renew}: the anchored renewal ({@code txId} of the transaction that
 * wrote it, {@code blockNumber} -1 when not known locally), how many log leaves it renewed in this
 * call and how many of those were disposed invoices, and whether anything new was anchored
 * ({@code false}: an earlier renewal with the same algorithm already covers the anchored log).
 */
public record RenewalResult(long sequence, String algorithm, long logTreeSize, long treeSize, String rootHash,
        String txId, long blockNumber, long renewedNow, long disposed, boolean anchoredNow) {
}
