package dev.fapiao.bench;

import dev.fapiao.node.ledger.ChaincodeError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;

/**
 * Transactions sent straight to the Fabric Gateway with a fixed number in flight, the way a tuned
 * integration sends them: endorse, {@code submitAsync} (returns when the orderer has accepted it:
 * the <em>acknowledgement</em>), then the commit-status wait (the <em>commit</em>). Each of the
 * {@code inFlight} threads has one transaction between endorsement and commit at any time.
 */
final class LedgerLoad {

    /** One transaction: the function, its single argument and the invoices it carries. */
    record Tx(String function, String argument, int invoices) {}

    private LedgerLoad() {
    }

    /**
     * Starts {@code inFlight} threads; thread {@code i} takes its transactions from
     * {@code source.apply(i)} until the load is over or the supplier returns null.
     */
    static List<Thread> start(Contract contract, int inFlight, IntFunction<Supplier<Tx>> source, PhaseRecorder rec) {
        List<Thread> threads = new ArrayList<>(inFlight);
        for (int i = 0; i < inFlight; i++) {
            Supplier<Tx> mine = source.apply(i);
            Thread t = new Thread(() -> loop(contract, mine, rec), "ledger-load-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    private static void loop(Contract contract, Supplier<Tx> source, PhaseRecorder rec) {
        PhaseClock clock = rec.clock();
        while (!clock.loadOver(System.nanoTime())) {
            Tx tx = source.get();
            if (tx == null) {
                return;
            }
            long t0 = System.nanoTime();
            rec.sent(t0, tx.invoices());
            try {
                SubmittedTransaction submitted = contract.newProposal(tx.function()).addArguments(tx.argument())
                        .build().endorse().submitAsync();
                long t1 = System.nanoTime();
                Status status = submitted.getStatus();
                long t2 = System.nanoTime();
                if (!status.isSuccessful()) {
                    rec.error("commit-" + status.getCode());
                    continue;
                }
                for (int i = 0; i < tx.invoices(); i++) {
                    rec.acknowledged(t0, t1);
                    rec.committed(t0, t2);
                }
                rec.batch(tx.invoices());
            } catch (CommitStatusException e) {
                rec.error("commit-status-" + e.getStatus().getCode());
            } catch (GatewayException e) {
                ChaincodeError err = ChaincodeError.of(e);
                rec.error(err != null ? err.code() : "gateway-" + e.getStatus().getCode());
            } catch (RuntimeException e) {
                rec.error(e.getClass().getSimpleName());
            }
        }
    }
}
