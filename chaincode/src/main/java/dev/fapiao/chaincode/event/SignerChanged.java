package dev.fapiao.chaincode.event;

import dev.fapiao.chaincode.model.SignerChange;

/** Event {@code SignerChanged}; for ROTATED, {@code keyId} is the old key (its {@code replacedBy} names the new one). */
public record SignerChanged(String txId, String keyId, SignerChange change, String ownerCode) {
    public static final String NAME = "SignerChanged";
}
