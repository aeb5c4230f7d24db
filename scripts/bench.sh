#!/usr/bin/env bash
# End-to-end benchmark (docs/performance.md, "End-to-end benchmark"). One invocation, same machine:
#   1. brings up (or reuses) the Fabric network: scripts/network.sh up
#   2. builds node + gateway with -Pbench (bench code: gateway-api/src/bench/java)
#   3. baseline phase: BaselineClient JVM, N threads, each invoice sealed with the client's own NODE
#      key and anchored by one synchronous anchorInvoice submit-and-wait-for-commit
#   4. starts a gateway of its own (data under target/bench/, unique node id, rate limits raised)
#   5. node phase: LoadGenerator JVM posting batches + single invoices through the gateway (closed
#      loop: the peak), commits timestamped from the chaincode's InvoicesAnchored events
#   6. node-80 phase: open loop at --steady-fraction (0.8) of that peak, --steady-batch-size (1)
#      invoices per request: the latency targets
#   7. stops that gateway by PID; writes target/bench/summary.json and throughput.png; prints a table
#
#   scripts/bench.sh [--quick] [--duration S] [--warmup S] [--concurrency N]
#                    [--batch-size B] [--batch-workers K] [--single-workers M] [--skip-build]
#                    [--steady-fraction F] [--steady-batch-size B] [--steady-rate R] [--phases LIST]
# --phases (default baseline,node,node-80) runs a subset; node-80 then needs --steady-rate R
# (invoices/s) when node does not run, e.g. the 10-minute memory check:
#   scripts/bench.sh --phases node-80 --steady-rate 250 --duration 600
# soak phase (not in the default list): open loop at --rate R (= --steady-rate) for --duration S; the
# gateway's VmRSS is sampled every 10 s into soak-rss.tsv and its least-squares slope (MB/min, over the
# window after warm-up) written to soak-rss.json, e.g. the 30-minute memory check:
#   scripts/bench.sh --phases soak --duration 1800 --rate 250
# --quick: 15 s per phase after 5 s warm-up (default 60 s after 20 s: the JIT needs it on 2 cores). --concurrency N (default 16):
# baseline threads, and in the node phase the number of connections, 3/4 of them posting batches
# of --batch-size (100) and the rest single invoices (override with --batch-workers/--single-workers).
# BENCH_GATEWAY_PORT (default 8543) keeps the bench gateway off scripts/run.sh's 8443; BENCH_GATEWAY_HOST
# (default 127.0.0.1) puts it on another loopback address (e.g. a parallel network's range).
# BENCH_MAX_BACKLOG (default 5000) is the bench gateway's archive.maxBacklog: beyond it new invoices
# get 503 (retry), so the closed loop measures a *sustained* rate (archived ~ anchored), not how fast
# the archive fills while anchoring falls behind.
# BENCH_GATEWAY_JAVA_OPTS (default -Xms1g -Xmx1g -XX:+AlwaysPreTouch) are the bench gateway's JVM options; BENCH_JFR=1
# also records a JFR profile of the gateway (its whole life: both node phases) into target/bench/gateway.jfr.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WARMUP=20; DURATION=60; DRAIN=30; CONCURRENCY=16; BATCH_SIZE=100; BATCH_WORKERS=""; SINGLE_WORKERS=""; BUILD=1
STEADY_FRACTION=0.8; STEADY_BATCH=1; STEADY_RATE=""; PHASES="baseline,node,node-80"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) WARMUP=5; DURATION=15; DRAIN=15; shift ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --batch-size) BATCH_SIZE="$2"; shift 2 ;;
    --batch-workers) BATCH_WORKERS="$2"; shift 2 ;;
    --single-workers) SINGLE_WORKERS="$2"; shift 2 ;;
    --skip-build) BUILD=0; shift ;;
    --steady-fraction) STEADY_FRACTION="$2"; shift 2 ;;
    --steady-batch-size) STEADY_BATCH="$2"; shift 2 ;;
    --steady-rate|--rate) STEADY_RATE="$2"; shift 2 ;;
    --phases) PHASES="$2"; shift 2 ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "scripts/bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
BATCH_WORKERS="${BATCH_WORKERS:-$(( CONCURRENCY * 3 / 4 ))}"
SINGLE_WORKERS="${SINGLE_WORKERS:-$(( CONCURRENCY - BATCH_WORKERS ))}"

OUT="$ROOT/target/bench"
APP="$OUT/app"
PORT="${BENCH_GATEWAY_PORT:-8543}"
HOST="${BENCH_GATEWAY_HOST:-127.0.0.1}"
URL="https://$HOST:$PORT"
GW_DIR="$OUT/gateway"
GW_PID_FILE="$GW_DIR/gateway.pid"
GW_LOG="$GW_DIR/gateway.log"
NODE_ID="bench-$(date +%Y%m%d%H%M%S)-$$"
SELLER="91310115MA1FL8Q2XH"
CLK_TCK="$(getconf CLK_TCK)"
mkdir -p "$OUT"
has_phase() { [[ ",$PHASES," == *",$1,"* ]]; }
rm -f "$OUT/baseline.json" "$OUT/node.json" "$OUT/node-80.json" "$OUT/soak.json" "$OUT/soak-rss.tsv"

for tool in java mvn curl; do
  command -v "$tool" >/dev/null || { echo "scripts/bench.sh: $tool is required" >&2; exit 1; }
done

stop_gateway() {
  [[ -f "$GW_PID_FILE" ]] || return 0
  local pid; pid="$(cat "$GW_PID_FILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    echo "bench: gateway (pid $pid) stopped" >&2
  fi
  rm -f "$GW_PID_FILE"
}
# top every 5 s during a phase, for the bottleneck analysis
TOP_PID=""
top_start() { top -b -d 5 -n $(( (WARMUP + DURATION) / 5 + 2 )) -o %CPU >"$OUT/top-$1.txt" 2>&1 & TOP_PID=$!; }
top_stop() { [[ -n "$TOP_PID" ]] && kill "$TOP_PID" 2>/dev/null || true; TOP_PID=""; }

trap 'top_stop; stop_gateway' EXIT

scripts/network.sh up

if [[ $BUILD == 1 ]]; then
  echo "bench: building node + gateway with -Pbench ..." >&2
  # the last module (gateway-api) writes the provided-scope class path: HdrHistogram, XChart
  mvn -q -B -ntp -DskipTests -DskipITs -Pbench -pl node,gateway-api -am package dependency:build-classpath \
      -Dmdep.includeScope=provided -Dmdep.outputFile="$OUT/bench-classpath.txt"
fi
# run from private copies: other builds must not swap classes under a run
rm -rf "$APP"; mkdir -p "$APP"
cp gateway-api/target/fapiao-gateway.jar "$APP/"
cp -r gateway-api/target/bench-classes "$APP/bench-classes"
CP="$APP/bench-classes:$APP/fapiao-gateway.jar:$(cat "$OUT/bench-classpath.txt")"

FABRIC_PIDS=""
for f in run/network/orgs/*/pids/*.pid; do # names like peer0.enterprise, chaincode.taxauthority
  org=$(basename "$(dirname "$(dirname "$f")")")
  FABRIC_PIDS+="$(basename "$f" .pid).$org=$(cat "$f"),"
done
COMMON=(--warmup "$WARMUP" --duration "$DURATION" --drain "$DRAIN" --clk-tck "$CLK_TCK"
        --profile run/network/network.json --seed 42)

if has_phase baseline; then
  echo "bench: baseline phase ($CONCURRENCY threads, ${WARMUP}s warm-up + ${DURATION}s) ..." >&2
  top_start baseline
  java -cp "$CP" dev.fapiao.bench.BaselineClient "${COMMON[@]}" --threads "$CONCURRENCY" \
       --pids "$FABRIC_PIDS" --out "$OUT/baseline.json"
  top_stop
fi

echo "bench: starting the gateway (node id $NODE_ID, $URL, log $GW_LOG) ..." >&2
rm -rf "$GW_DIR" "$OUT/node-data"; mkdir -p "$GW_DIR"
GW_ENV=(FAPIAO_GATEWAY_HOST="$HOST" FAPIAO_GATEWAY_PORT="$PORT" FAPIAO_GATEWAY_DATA_DIR="$GW_DIR"
        FAPIAO_GATEWAY_RATE_LIMIT_PER_SECOND=1000000 FAPIAO_GATEWAY_RATE_LIMIT_BURST=1000000
        FAPIAO_ARCHIVE_MAX_BACKLOG="${BENCH_MAX_BACKLOG:-5000}"
        FAPIAO_NODE_ID="$NODE_ID" FAPIAO_NODE_DATA_DIR="$OUT/node-data")
# a fixed heap: memory growth then shows as GC work or an OutOfMemoryError, not as RSS creeping up
read -r -a GW_JAVA <<<"${BENCH_GATEWAY_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}"
[[ "${BENCH_JFR:-0}" == 1 ]] && GW_JAVA+=("-XX:StartFlightRecording=filename=$OUT/gateway.jfr,settings=profile")
env "${GW_ENV[@]}" nohup java "${GW_JAVA[@]}" -jar "$APP/fapiao-gateway.jar" serve >"$GW_LOG" 2>&1 </dev/null &
echo $! >"$GW_PID_FILE"
for i in $(seq 1 240); do
  curl -fsS --cacert "$GW_DIR/tls/cert.pem" "$URL/ready" >/dev/null 2>&1 && break
  if ! kill -0 "$(cat "$GW_PID_FILE")" 2>/dev/null; then
    echo "bench: the gateway exited during start; last log lines:" >&2; tail -n 30 "$GW_LOG" >&2; exit 1
  fi
  [[ $i == 240 ]] && { echo "bench: gateway not ready within 120 s (log $GW_LOG)" >&2; exit 1; }
  sleep 0.5
done
env "${GW_ENV[@]}" java -jar "$APP/fapiao-gateway.jar" token --role enterprise --code "$SELLER" \
    --sub bench-loadgen --ttl 2h >"$OUT/token"

if has_phase node; then
  echo "bench: node phase ($BATCH_WORKERS batch connections x $BATCH_SIZE + $SINGLE_WORKERS single, ${WARMUP}s warm-up + ${DURATION}s) ..." >&2
  top_start node
  java -cp "$CP" dev.fapiao.bench.LoadGenerator "${COMMON[@]}" --url "$URL" --cacert "$GW_DIR/tls/cert.pem" \
       --token-file "$OUT/token" --batch-workers "$BATCH_WORKERS" --single-workers "$SINGLE_WORKERS" \
       --batch-size "$BATCH_SIZE" --pids "gateway=$(cat "$GW_PID_FILE"),$FABRIC_PIDS" --out "$OUT/node.json"
  top_stop
fi

# open loop at 80 % of the peak just measured: the latency targets are judged there
RATE="$STEADY_RATE"
if [[ -z "$RATE" && -f "$OUT/node.json" ]]; then
  PEAK="$(sed -n 's/^ *"committedPerSecond" : \([0-9.]*\).*/\1/p' "$OUT/node.json" | head -n 1)"
  RATE="$(awk -v p="${PEAK:-0}" -v f="${STEADY_FRACTION}" 'BEGIN { printf "%.0f", p * f }')"
fi
if has_phase node-80 && [[ -z "$RATE" ]]; then
  echo "bench: node-80 needs the node phase or --steady-rate; skipped" >&2
elif has_phase node-80 && [[ "$RATE" -gt 0 ]]; then
  # the closed loop acknowledges faster than it anchors: let the node anchor what the peak phase
  # left in its outbox first, so that node-80 measures its own invoices, not that backlog
  for i in $(seq 1 "${BENCH_DRAIN_LIMIT:-900}"); do
    OUTBOX="$(curl -fsS --cacert "$GW_DIR/tls/cert.pem" "$URL/metrics" 2>/dev/null \
              | sed -n 's/^fapiao_archive_outbox_size[{ ].* \([0-9.E+]*\)$/\1/p; s/^fapiao_archive_outbox_size \([0-9.E+]*\)$/\1/p' | head -n 1)"
    OUTBOX="$(awk -v v="${OUTBOX:-0}" 'BEGIN { printf "%d", v }')"
    [[ "$OUTBOX" -eq 0 ]] && break
    (( i % 30 == 1 )) && echo "bench: waiting for the node to anchor its backlog: $OUTBOX invoices in the outbox" >&2
    sleep 1
  done
  echo "bench: node-80 phase (open loop, $RATE invoices/s, batch size $STEADY_BATCH, ${WARMUP}s warm-up + ${DURATION}s) ..." >&2
  top_start node-80
  java -cp "$CP" dev.fapiao.bench.LoadGenerator "${COMMON[@]}" --phase node-80 --url "$URL" \
       --cacert "$GW_DIR/tls/cert.pem" --token-file "$OUT/token" --rate "$RATE" --batch-size "$STEADY_BATCH" \
       --pids "gateway=$(cat "$GW_PID_FILE"),$FABRIC_PIDS" --out "$OUT/node-80.json"
  top_stop
fi
if has_phase soak; then
  [[ -n "$RATE" && "$RATE" -gt 0 ]] || { echo "bench: soak needs --rate R (or the node phase)" >&2; exit 2; }
  GW_PID="$(cat "$GW_PID_FILE")"
  echo "bench: soak phase (open loop, $RATE invoices/s, ${WARMUP}s warm-up + ${DURATION}s, RSS every 10 s) ..." >&2
  # seconds since the phase start, VmRSS in kB
  ( t0=$(date +%s); while kill -0 "$GW_PID" 2>/dev/null; do
      printf '%s\t%s\n' "$(( $(date +%s) - t0 ))" "$(awk '/^VmRSS:/ { print $2 }' "/proc/$GW_PID/status")"
      sleep 10; done ) >"$OUT/soak-rss.tsv" 2>/dev/null &
  RSS_PID=$!
  top_start soak
  java -cp "$CP" dev.fapiao.bench.LoadGenerator "${COMMON[@]}" --phase soak --url "$URL" \
       --cacert "$GW_DIR/tls/cert.pem" --token-file "$OUT/token" --rate "$RATE" --batch-size "$STEADY_BATCH" \
       --pids "gateway=$GW_PID,$FABRIC_PIDS" --out "$OUT/soak.json"
  top_stop
  kill "$RSS_PID" 2>/dev/null || true
  # least squares over the samples after warm-up: slope in MB/min
  awk -v w="$WARMUP" -v rate="$RATE" '$1 >= w && $2 > 0 { n++; x = $1 / 60; y = $2 / 1024; sx += x; sy += y; sxx += x*x; sxy += x*y
        if (n == 1) first = y; last = y }
      END { d = n * sxx - sx * sx; slope = (n > 1 && d != 0) ? (n * sxy - sx * sy) / d : 0
            printf "{\"phase\": \"soak\", \"rate\": %d, \"samples\": %d, \"rssFirstMb\": %.1f, \"rssLastMb\": %.1f, \"rssSlopeMbPerMin\": %.2f}\n", rate, n, first, last, slope }' \
      "$OUT/soak-rss.tsv" | tee "$OUT/soak-rss.json"
fi
stop_gateway

if [[ -f "$OUT/baseline.json" || -f "$OUT/node.json" || -f "$OUT/node-80.json" ]]; then
  java -cp "$CP" dev.fapiao.bench.Report --dir "$OUT"
fi
echo "bench: $OUT/summary.json, $OUT/throughput.png (phase details: baseline.json, node.json; gateway log: $GW_LOG)"
