package dev.fapiao.bench;

import dev.fapiao.node.ledger.ChaincodeError;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** What one phase of direct submissions observed. */
    record Outcome(PhaseRecorder recorder, List<ProcessUsage> usage, Map<String, Long> roundTrips, PhaseClock clock) {
        /** The phase result, with the peers' round-trip counts in {@code settings.shimRequestsInWindow}. */
        PhaseResult result(String phase, Map<String, Object> settings) {
            settings.put("shimRequestsInWindow", roundTrips);
            return recorder.result(phase, settings, usage, 0);
        }
    }

    private LedgerLoad() {
    }

    /**
     * One phase as EnterpriseServicesMSP User1: {@link #start} the load, sample CPU and memory of the
     * {@code --pids} and of this process (named {@code client}) and the peers' round trips over the
     * window, then wait up to {@code --drain} seconds for the transactions in flight.
     */
    static Outcome run(Args args, NetworkProfile profile, String client, int inFlight,
                       IntFunction<Supplier<Tx>> source) throws Exception {
        Map<String, Long> pids = new LinkedHashMap<>(ProcessSampler.parse(args.string("pids", "")));
        pids.put(client, ProcessHandle.current().pid());
        int drain = args.integer("drain", 30);
        ShimCounter shim = new ShimCounter(args.string("peer-metrics", ""));
        try (LedgerConnection ledger = LedgerConnection.open(profile.settings(BenchKeys.MSP, "User1"));
             ProcessSampler sampler = new ProcessSampler(pids, args.integer("clk-tck", 100))) {
            PhaseClock clock = args.clock();
            PhaseRecorder rec = new PhaseRecorder(clock, drain);
            List<Thread> workers = start(ledger.contract(), inFlight, source, rec);
            PhaseClock.sleepUntil(clock.windowStart());
            sampler.markStart();
            shim.markStart();
            PhaseClock.sleepUntil(clock.windowEnd());
            sampler.markEnd();
            Map<String, Long> roundTrips = shim.sinceStart();
            long until = System.nanoTime() + drain * 1_000_000_000L; // at most one transaction per thread
            for (Thread t : workers) {
                t.join(Math.max(1, (until - System.nanoTime()) / 1_000_000L));
            }
            return new Outcome(rec, sampler.usage(clock.windowSecondsExact()), roundTrips, clock);
        }
    }

    /**
     * Starts {@code inFlight} threads; thread {@code i} takes its transactions from
     * {@code source.apply(i)} until the load is over or the supplier returns null.
     */
    private static List<Thread> start(Contract contract, int inFlight, IntFunction<Supplier<Tx>> source, PhaseRecorder rec) {
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
