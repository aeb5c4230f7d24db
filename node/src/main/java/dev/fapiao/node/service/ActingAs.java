package dev.fapiao.node.service;

/**
 * Which ledger identity acts for a request: enterprises through the node's own connection
 * ({@code ledger.mspId}'s {@code ledger.user}, EnterpriseServicesMSP User1 by default), operators as
 * the Admin of the node's own MSP (the signer registry needs OU admin; ENTERPRISE keys need
 * EnterpriseServicesMSP's), auditors as TaxAuthorityMSP User1 (legal holds come only from the tax authority).
 */
public enum ActingAs {
    ENTERPRISE, OPERATOR, AUDITOR
}
