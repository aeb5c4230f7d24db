#!/usr/bin/env bash
# End-to-end benchmark (docs/performance.md, "End-to-end benchmark"). One invocation, same machine:
#   1. brings up (or reuses) the Fabric network: scripts/network.sh up
#   2. builds node + gateway with -Pbench (bench code: gateway-api/src/bench/java)
#   3. baseline sweep: BaselineClient JVM per point, --baseline-sweep (16,64,256,400) anchorInvoice
#      submissions in flight (submitAsync + commit-status wait, one invoice per transaction, each
#      sealed by the client); the best point is *the* baseline
#   4. ledger ceiling: CeilingClient JVM per point, pre-sealed 500-invoice anchorBatch transactions
#      straight to the network, --ceiling-inflight (4,8,16) in flight; the best point is the ceiling
#   5. starts a gateway of its own (data under the run's directory, unique node id, rate limits raised)
#   6. node phase: LoadGenerator JVM posting batches + single invoices through the gateway (closed
#      loop: the peak), commits timestamped from the chaincode's InvoicesAnchored events; its warm-up
#      is --node-warmup (default 60 s, at least --warmup): the gateway JVM is new, and 20 s after its
#      start C2 was still compiling (17-22 % of its CPU) and TLS's GHASH still ran without its intrinsic
#   7. node-80 phase: open loop at --steady-fraction (0.8) of that peak: the latency targets
#   8. stops that gateway by PID; writes summary.json and throughput.png; prints a table
# --repeat N runs 3-8 N times (target/bench/rep-1 ...) and writes the spread (median, min, max) of
# the headline figures into target/bench/summary.json; with N = 1 everything lands in target/bench.
#
#   scripts/bench.sh [--quick] [--duration S] [--warmup S] [--node-warmup S] [--drain S] [--repeat N] [--concurrency N]
#                    [--baseline-sweep LIST] [--ceiling-inflight LIST] [--ceiling-pool-rate R]
#                    [--batch-size B] [--batch-workers K] [--single-workers M] [--skip-build]
#                    [--steady-fraction F] [--steady-batch-size B] [--steady-rate R] [--phases LIST]
#                    [--encoding binary|json]
# --phases (default baseline,ceiling,node,node-80) runs a subset; node-80 then needs --steady-rate R
# (invoices/s) when node does not run, e.g. the 10-minute memory check:
#   scripts/bench.sh --phases node-80 --steady-rate 250 --duration 600
# --quick: 15 s per phase after 5 s warm-up, sweep 16,256, ceiling 8 (default 60 s after 20 s: the
# JIT needs it on 2 cores). --concurrency N (default 16): node-phase connections, 3/4 of them posting
# batches of --batch-size (100), the rest single invoices (override: --batch-workers/--single-workers).
# --ceiling-pool-rate R (2500): invoices/s the ceiling client pre-seals for (warm-up + window).
# --encoding (binary): how the load generator submits to the node: binary submission frames (the
# original as it is) or json (the JSON form, originals in base64).
# soak phase (not in the default list): open loop at --rate R (= --steady-rate) for --duration S; the
# gateway's VmRSS is sampled every 10 s into soak-rss.tsv and its least-squares slope (MB/min, over the
# window after warm-up) written to soak-rss.json, e.g. the 30-minute memory check:
#   scripts/bench.sh --phases soak --duration 1800 --rate 250
# BENCH_GATEWAY_HOST (default: $FAPIAO_NET_PREFIX.9.1 when FAPIAO_NET_PREFIX is set, else 127.0.0.1)
# and BENCH_GATEWAY_PORT (8543) keep the bench gateway off scripts/run.sh's.
# BENCH_MAX_BACKLOG (default 5000) is the bench gateway's archive.maxBacklog: beyond it new invoices
# get 503 (retry), so the closed loop measures a *sustained* rate (archived ~ anchored).
# BENCH_GATEWAY_JAVA_OPTS (default -Xms1g -Xmx1g -XX:+AlwaysPreTouch) are the bench gateway's JVM
# options, BENCH_CLIENT_JAVA_OPTS (default -Xms768m -Xmx768m) every client JVM's (a fixed heap: the
# load generator's RSS stays bounded); BENCH_JFR=1 also records a JFR profile of the gateway.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WARMUP=20; DURATION=60; DRAIN=30; CONCURRENCY=16; BATCH_SIZE=100; BATCH_WORKERS=""; SINGLE_WORKERS=""; BUILD=1
NODE_WARMUP=""; QUICK=0
STEADY_FRACTION=0.8; STEADY_BATCH=1; STEADY_RATE=""; PHASES="baseline,ceiling,node,node-80"; REPEAT=1
SWEEP="16,64,256,400"; CEILING="4,8,16"; POOL_RATE=2500; ENCODING=binary
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1; WARMUP=5; DURATION=15; DRAIN=15; SWEEP="16,256"; CEILING="8"; shift ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --node-warmup) NODE_WARMUP="$2"; shift 2 ;;
    --drain) DRAIN="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --baseline-sweep) SWEEP="$2"; shift 2 ;;
    --ceiling-inflight) CEILING="$2"; shift 2 ;;
    --ceiling-pool-rate) POOL_RATE="$2"; shift 2 ;;
    --batch-size) BATCH_SIZE="$2"; shift 2 ;;
    --batch-workers) BATCH_WORKERS="$2"; shift 2 ;;
    --single-workers) SINGLE_WORKERS="$2"; shift 2 ;;
    --skip-build) BUILD=0; shift ;;
    --steady-fraction) STEADY_FRACTION="$2"; shift 2 ;;
    --steady-batch-size) STEADY_BATCH="$2"; shift 2 ;;
    --steady-rate|--rate) STEADY_RATE="$2"; shift 2 ;;
    --phases) PHASES="$2"; shift 2 ;;
    --encoding) ENCODING="$2"; shift 2 ;;
    -h|--help) sed -n '2,44p' "$0"; exit 0 ;;
    *) echo "scripts/bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$ENCODING" == binary || "$ENCODING" == json ]] || { echo "scripts/bench.sh: --encoding is binary or json" >&2; exit 2; }
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || { echo "scripts/bench.sh: --repeat needs a positive integer" >&2; exit 2; }
if [[ -z "$NODE_WARMUP" ]]; then
  if [[ $QUICK == 1 ]]; then NODE_WARMUP="$WARMUP"; else NODE_WARMUP=$(( WARMUP > 60 ? WARMUP : 60 )); fi
fi
[[ "$NODE_WARMUP" =~ ^[0-9]+$ ]] || { echo "scripts/bench.sh: --node-warmup needs whole seconds" >&2; exit 2; }
BATCH_WORKERS="${BATCH_WORKERS:-$(( CONCURRENCY * 3 / 4 ))}"
SINGLE_WORKERS="${SINGLE_WORKERS:-$(( CONCURRENCY - BATCH_WORKERS ))}"

OUT="$ROOT/target/bench"
APP="$OUT/app"
if [[ -n "${FAPIAO_NET_PREFIX:-}" ]]; then HOST="${BENCH_GATEWAY_HOST:-$FAPIAO_NET_PREFIX.9.1}"; else HOST="${BENCH_GATEWAY_HOST:-127.0.0.1}"; fi
PORT="${BENCH_GATEWAY_PORT:-8543}"
URL="https://$HOST:$PORT"
SELLER="91310115MA1FL8Q2XH"
CLK_TCK="$(getconf CLK_TCK)"
mkdir -p "$OUT"
has_phase() { [[ ",$PHASES," == *",$1,"* ]]; }
read -r -a CLIENT_JAVA <<<"${BENCH_CLIENT_JAVA_OPTS:--Xms768m -Xmx768m}"
# the development TLS certificate names 127.0.0.1 and localhost only: on another loopback address
# the clients check the certificate (--cacert) but not the host name
CURL_TLS=(--cacert)
if [[ "$HOST" != 127.0.0.1 ]]; then
  CLIENT_JAVA+=(-Djdk.internal.httpclient.disableHostnameVerification=true)
  CURL_TLS=(--resolve "localhost:$PORT:$HOST" --cacert)
  CURL_URL="https://localhost:$PORT"
else
  CURL_URL="$URL"
fi

for tool in java mvn curl; do
  command -v "$tool" >/dev/null || { echo "scripts/bench.sh: $tool is required" >&2; exit 1; }
done

GW_PID_FILE=""
stop_gateway() {
  [[ -n "$GW_PID_FILE" && -f "$GW_PID_FILE" ]] || return 0
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
top_start() { top -b -d 5 -n $(( (${2:-$WARMUP} + DURATION) / 5 + 2 )) -o %CPU >"$RUN_DIR/top-$1.txt" 2>&1 & TOP_PID=$!; }
top_stop() { [[ -n "$TOP_PID" ]] && kill "$TOP_PID" 2>/dev/null || true; TOP_PID=""; }

trap 'top_stop; stop_gateway' EXIT

scripts/jemalloc.sh install
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

FABRIC_PIDS=""; PEER_METRICS=""
for f in run/network/orgs/*/pids/*.pid; do # names like peer0.enterprise, chaincode.taxauthority
  org=$(basename "$(dirname "$(dirname "$f")")")
  FABRIC_PIDS+="$(basename "$f" .pid).$org=$(cat "$f"),"
done
for env in run/network/orgs/*/org.env; do # the peers' operations endpoints: chaincode round trips
  ops="$(. "$env"; [[ -n "${ORG_PEER_OPS_PORT:-}" ]] && echo "$ORG_HOST:$ORG_PEER_OPS_PORT" || true)"
  [[ -n "$ops" ]] && PEER_METRICS+="$ops,"
done
COMMON=(--warmup "$WARMUP" --duration "$DURATION" --drain "$DRAIN" --clk-tck "$CLK_TCK"
        --profile run/network/network.json --seed 42 --peer-metrics "${PEER_METRICS%,}")

# one repetition of every phase into $RUN_DIR
run_once() {
  RUN_DIR="$1"
  rm -rf "$RUN_DIR"/*.json "$RUN_DIR"/top-*.txt "$RUN_DIR/gateway" "$RUN_DIR/node-data"; mkdir -p "$RUN_DIR"
  if has_phase baseline; then
    for n in ${SWEEP//,/ }; do
      echo "bench: baseline-$n ($n anchorInvoice submissions in flight, ${WARMUP}s warm-up + ${DURATION}s) ..." >&2
      top_start "baseline-$n"
      java "${CLIENT_JAVA[@]}" -cp "$CP" dev.fapiao.bench.BaselineClient "${COMMON[@]}" --inflight "$n" \
           --phase "baseline-$n" --pids "$FABRIC_PIDS" --out "$RUN_DIR/baseline-$n.json" \
        || echo "bench: baseline-$n failed (exit $?): left out of the summary" >&2
      top_stop
    done
  fi
  if has_phase ceiling; then
    for n in ${CEILING//,/ }; do
      echo "bench: ceiling-$n (pre-sealed anchorBatch x 500, $n in flight, ${WARMUP}s warm-up + ${DURATION}s) ..." >&2
      top_start "ceiling-$n"
      java "${CLIENT_JAVA[@]}" -cp "$CP" dev.fapiao.bench.CeilingClient "${COMMON[@]}" --inflight "$n" \
           --pool-rate "$POOL_RATE" --phase "ceiling-$n" --pids "$FABRIC_PIDS" --out "$RUN_DIR/ceiling-$n.json" \
        || echo "bench: ceiling-$n failed (exit $?): left out of the summary" >&2
      top_stop
    done
  fi
  has_phase node || has_phase node-80 || has_phase soak || { java -cp "$CP" dev.fapiao.bench.Report --dir "$RUN_DIR"; return; }

  local gw_dir="$RUN_DIR/gateway" gw_log="$RUN_DIR/gateway/gateway.log" node_id
  node_id="bench-$(date +%Y%m%d%H%M%S)-$$"
  GW_PID_FILE="$gw_dir/gateway.pid"
  echo "bench: starting the gateway (node id $node_id, $URL, log $gw_log) ..." >&2
  mkdir -p "$gw_dir"
  local gw_env=(FAPIAO_GATEWAY_HOST="$HOST" FAPIAO_GATEWAY_PORT="$PORT" FAPIAO_GATEWAY_DATA_DIR="$gw_dir"
          FAPIAO_GATEWAY_RATE_LIMIT_PER_SECOND=1000000 FAPIAO_GATEWAY_RATE_LIMIT_BURST=1000000
          FAPIAO_ARCHIVE_MAX_BACKLOG="${BENCH_MAX_BACKLOG:-5000}"
          FAPIAO_NODE_ID="$node_id" FAPIAO_NODE_DATA_DIR="$RUN_DIR/node-data")
  local preload; preload="$(scripts/jemalloc.sh path)" # as scripts/run.sh starts it
  [[ -n "$preload" ]] && gw_env+=(LD_PRELOAD="$preload")
  # a fixed heap: memory growth then shows as GC work or an OutOfMemoryError, not as RSS creeping up
  local gw_java; read -r -a gw_java <<<"${BENCH_GATEWAY_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}"
  [[ "${BENCH_JFR:-0}" == 1 ]] && gw_java+=("-XX:StartFlightRecording=filename=$RUN_DIR/gateway.jfr,settings=profile")
  env "${gw_env[@]}" nohup java "${gw_java[@]}" -jar "$APP/fapiao-gateway.jar" serve >"$gw_log" 2>&1 </dev/null &
  echo $! >"$GW_PID_FILE"
  for i in $(seq 1 240); do
    curl -fsS "${CURL_TLS[@]}" "$gw_dir/tls/cert.pem" "$CURL_URL/ready" >/dev/null 2>&1 && break
    if ! kill -0 "$(cat "$GW_PID_FILE")" 2>/dev/null; then
      echo "bench: the gateway exited during start; last log lines:" >&2; tail -n 30 "$gw_log" >&2; exit 1
    fi
    [[ $i == 240 ]] && { echo "bench: gateway not ready within 120 s (log $gw_log)" >&2; exit 1; }
    sleep 0.5
  done
  env "${gw_env[@]}" java -jar "$APP/fapiao-gateway.jar" token --role enterprise --code "$SELLER" \
      --sub bench-loadgen --ttl 1h >"$RUN_DIR/token"  # the gateway caps a token at jwtMaxLifetimeSeconds (3600)
  local gen=(java "${CLIENT_JAVA[@]}" -cp "$CP" dev.fapiao.bench.LoadGenerator "${COMMON[@]}" --url "$URL"
             --cacert "$gw_dir/tls/cert.pem" --token-file "$RUN_DIR/token" --encoding "$ENCODING"
             --pids "gateway=$(cat "$GW_PID_FILE"),$FABRIC_PIDS")

  if has_phase node; then
    echo "bench: node phase ($BATCH_WORKERS batch connections x $BATCH_SIZE + $SINGLE_WORKERS single, ${NODE_WARMUP}s warm-up + ${DURATION}s) ..." >&2
    top_start node "$NODE_WARMUP"
    "${gen[@]}" --batch-workers "$BATCH_WORKERS" --single-workers "$SINGLE_WORKERS" --batch-size "$BATCH_SIZE" \
        --warmup "$NODE_WARMUP" --out "$RUN_DIR/node.json"
    top_stop
  fi

  # open loop at 80 % of the peak just measured: the latency targets are judged there
  local rate="$STEADY_RATE" peak outbox
  if [[ -z "$rate" && -f "$RUN_DIR/node.json" ]]; then
    peak="$(sed -n 's/^ *"committedPerSecond" : \([0-9.]*\).*/\1/p' "$RUN_DIR/node.json" | head -n 1)"
    rate="$(awk -v p="${peak:-0}" -v f="${STEADY_FRACTION}" 'BEGIN { printf "%.0f", p * f }')"
  fi
  if has_phase node-80 && [[ -z "$rate" ]]; then
    echo "bench: node-80 needs the node phase or --steady-rate; skipped" >&2
  elif has_phase node-80 && [[ "$rate" -gt 0 ]]; then
    # the closed loop acknowledges faster than it anchors: let the node anchor what the peak phase
    # left in its outbox first, so that node-80 measures its own invoices, not that backlog
    for i in $(seq 1 "${BENCH_DRAIN_LIMIT:-900}"); do
      outbox="$(curl -fsS "${CURL_TLS[@]}" "$gw_dir/tls/cert.pem" "$CURL_URL/metrics" 2>/dev/null \
                | sed -n 's/^fapiao_archive_outbox_size[{ ].* \([0-9.E+]*\)$/\1/p; s/^fapiao_archive_outbox_size \([0-9.E+]*\)$/\1/p' | head -n 1)"
      outbox="$(awk -v v="${outbox:-0}" 'BEGIN { printf "%d", v }')"
      [[ "$outbox" -eq 0 ]] && break
      (( i % 30 == 1 )) && echo "bench: waiting for the node to anchor its backlog: $outbox invoices in the outbox" >&2
      sleep 1
    done
    echo "bench: node-80 phase (open loop, $rate invoices/s, batch size $STEADY_BATCH, ${WARMUP}s warm-up + ${DURATION}s) ..." >&2
    top_start node-80
    "${gen[@]}" --phase node-80 --rate "$rate" --batch-size "$STEADY_BATCH" --out "$RUN_DIR/node-80.json"
    top_stop
  fi
  if has_phase soak; then
    [[ -n "$rate" && "$rate" -gt 0 ]] || { echo "bench: soak needs --rate R (or the node phase)" >&2; exit 2; }
    local gw_pid rss_pid; gw_pid="$(cat "$GW_PID_FILE")"
    echo "bench: soak phase (open loop, $rate invoices/s, ${WARMUP}s warm-up + ${DURATION}s, RSS every 10 s) ..." >&2
    # seconds since the phase start, VmRSS in kB, then RocksDB's own count (bytes): the archive's block
    # cache (memtable reservations included) and its budget, which bound that part of the RSS
    ( t0=$(date +%s); while kill -0 "$gw_pid" 2>/dev/null; do
        m="$(curl -fsS "${CURL_TLS[@]}" "$gw_dir/tls/cert.pem" "$CURL_URL/metrics" 2>/dev/null || true)"
        printf '%s\t%s\t%s\t%s\n' "$(( $(date +%s) - t0 ))" "$(awk '/^VmRSS:/ { print $2 }' "/proc/$gw_pid/status")" \
          "$(awk '/^fapiao_archive_block_cache_bytes/ && $NF ~ /^[0-9.eE+]+$/ { printf "%.0f", $NF; exit }' <<<"$m")" \
          "$(awk '/^fapiao_archive_memory_budget_bytes/ && $NF ~ /^[0-9.eE+]+$/ { printf "%.0f", $NF; exit }' <<<"$m")"
        sleep 10; done ) >"$RUN_DIR/soak-rss.tsv" 2>/dev/null &
    rss_pid=$!
    top_start soak
    "${gen[@]}" --phase soak --rate "$rate" --batch-size "$STEADY_BATCH" --out "$RUN_DIR/soak.json"
    top_stop
    kill "$rss_pid" 2>/dev/null || true
    # least squares over the samples after warm-up: slope in MB/min
    # and the same for the RSS less the block cache: what RocksDB's budget does not bound
    awk -v w="$WARMUP" -v rate="$rate" '$1 >= w && $2 > 0 { n++; x = $1 / 60; y = $2 / 1024; sx += x; sy += y; sxx += x*x; sxy += x*y
          # the cache column is empty when /metrics did not answer: such a sample counts for RSS only
          if ($3 != "") { m++; z = y - $3 / 1048576; sx2 += x; sxx2 += x*x; sz += z; sxz += x*z; c = $3 / 1048576; b = $4 / 1048576 }
          if (n == 1) { first = y; cfirst = c }; last = y; clast = c }
        END { d = n * sxx - sx * sx; slope = (n > 1 && d != 0) ? (n * sxy - sx * sy) / d : 0
              d2 = m * sxx2 - sx2 * sx2; rest = (m > 1 && d2 != 0) ? (m * sxz - sx2 * sz) / d2 : 0
              printf "{\"phase\": \"soak\", \"rate\": %d, \"samples\": %d, \"rssFirstMb\": %.1f, \"rssLastMb\": %.1f, \"rssSlopeMbPerMin\": %.2f, \"blockCacheFirstMb\": %.1f, \"blockCacheLastMb\": %.1f, \"budgetMb\": %.1f, \"rssLessBlockCacheSlopeMbPerMin\": %.2f}\n", rate, n, first, last, slope, cfirst, clast, b, rest }' \
        "$RUN_DIR/soak-rss.tsv" | tee "$RUN_DIR/soak-rss.json"
  fi
  stop_gateway
  rm -rf "$RUN_DIR/node-data" "$gw_dir/archive" 2>/dev/null || true
  java -cp "$CP" dev.fapiao.bench.Report --dir "$RUN_DIR"
}

if [[ "$REPEAT" == 1 ]]; then
  run_once "$OUT"
  echo "bench: $OUT/summary.json, $OUT/throughput.png (phase files: $OUT/*.json; gateway log: $OUT/gateway/gateway.log)"
else
  RUNS=""
  for k in $(seq 1 "$REPEAT"); do
    echo "bench: ===== repetition $k of $REPEAT =====" >&2
    run_once "$OUT/rep-$k"
    RUNS+="rep-$k,"
  done
  rm -f "$OUT"/*.json
  java -cp "$CP" dev.fapiao.bench.Report --dir "$OUT" --runs "${RUNS%,}"
  echo "bench: $OUT/summary.json (spread over $REPEAT runs), every run in $OUT/rep-*/ (summary.json, throughput.png)"
fi
