package dev.fapiao.chaincode.model;

/** ENTERPRISE keys seal their owner's invoices; NODE keys belong to an archive node. */
public enum SignerKind {
    ENTERPRISE, NODE
}
