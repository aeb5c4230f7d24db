/**
 * Anomaly flags on arriving submissions (issue 14 item 5): per issuer, patterns that are flagged, never
 * refused — bursts, one document under several invoice ids, amount outliers, issue times far from the
 * arrival, red-letter reversals above a share. Pure and in memory; the service records each flag
 * (audit entry, the record's {@code flags}) and the gateway counts them. Rules: docs/documents.md.
 */
package dev.fapiao.node.anomaly;
