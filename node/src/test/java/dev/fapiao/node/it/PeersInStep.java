package dev.fapiao.node.it;

import dev.fapiao.node.ledger.LedgerConnection;
import org.hyperledger.fabric.protos.common.BlockchainInfo;

/**
 * A submit returns once the submitting organisation's peer committed the block; the other
 * organisation's peer may be a block behind for a few milliseconds. Tests that read through
 * one peer what was written through the other wait here until both report the same height.
 */
final class PeersInStep {

    private PeersInStep() {
    }

    static void await(LedgerConnection a, LedgerConnection b) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            long ha = height(a);
            long hb = height(b);
            if (ha == hb) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("peers out of step: heights " + ha + " and " + hb);
            }
            Thread.sleep(20);
        }
    }

    private static long height(LedgerConnection c) throws Exception {
        byte[] info = c.network().getContract("qscc").evaluateTransaction("GetChainInfo", c.settings().channel());
        return BlockchainInfo.parseFrom(info).getHeight();
    }
}
