package dev.fapiao.node.ledger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A renewal as the chaincode stores it ({@code getRenewal}, {@code getRenewals}; docs/ledger-model.md).
 * {@code previous} is null for sequence 1.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LedgerRenewal(String nodeId, long sequence, String algorithm, long treeSize, String rootHash,
        long logTreeSize, String logRootHash, RenewalPrevious previous, String signature, String keyId,
        String anchoredTxId, String anchoredAt) {
}
