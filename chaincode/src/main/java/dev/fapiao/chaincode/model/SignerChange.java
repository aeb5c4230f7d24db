package dev.fapiao.chaincode.model;

/** What happened to a signer key (event payload and {@code lastChange.action}). */
public enum SignerChange {
    REGISTERED, ROTATED, REVOKED
}
