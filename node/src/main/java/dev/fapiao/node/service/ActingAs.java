package dev.fapiao.node.service;

/**
 * Which ledger identity acts for a request: enterprises through the node's own connection
 * (EnterpriseServicesMSP User1), operators as EnterpriseServicesMSP Admin (the signer registry
 * needs OU admin), auditors as TaxAuthorityMSP User1 (legal holds come only from the tax authority).
 */
public enum ActingAs {
    ENTERPRISE, OPERATOR, AUDITOR
}
