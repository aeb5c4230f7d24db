package dev.fapiao.node.ledger;

/** Raw blocks of the channel (the system chaincode {@code qscc}), for offline-verifiable evidence. */
public interface BlockSource {

    /** The whole block (Block protobuf bytes) that holds {@code txId}. */
    byte[] blockByTxId(String txId) throws LedgerUnavailableException;

    /** The channel's height: the number of the next block. */
    long chainHeight() throws LedgerUnavailableException;
}
