#!/usr/bin/env bash
# Runs the whole thing on this machine: installs Fabric if missing, brings the network up,
# builds the node and the gateway, starts the gateway (archive node inside) in the
# background, and shows it working on a sample invoice.
#   scripts/run.sh          start (or reuse a running gateway) and demo
#   scripts/run.sh stop     stop the gateway (the network keeps running: scripts/network.sh down)
#   scripts/run.sh status   is the gateway running?
# Gateway settings come from FAPIAO_GATEWAY_* (e.g. FAPIAO_GATEWAY_PORT=9443), node settings
# from FAPIAO_<SECTION>_<KEY>; see docs/gateway.md. Log and PID file: run/gateway/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

RUN_DIR="$ROOT/run/gateway"
PID_FILE="$RUN_DIR/gateway.pid"
LOG_FILE="$RUN_DIR/gateway.log"
JAR="$ROOT/gateway-api/target/fapiao-gateway.jar"
PORT="${FAPIAO_GATEWAY_PORT:-8443}"
HOST="${FAPIAO_GATEWAY_HOST:-127.0.0.1}"
DATA_DIR="${FAPIAO_GATEWAY_DATA_DIR:-data/gateway}"
CERT="$DATA_DIR/tls/cert.pem"
URL="https://$HOST:$PORT"
SAMPLE_JSON="docs/samples/normal-3-lines.json"
SAMPLE_DOC="docs/samples/normal-3-lines.xml"
SELLER="91310115MA1FL8Q2XH"   # seller.creditCode of the sample invoice
SAMPLE_ID="${SELLER}25312000000012345678"

running() {
  [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

stop() {
  if ! running; then
    echo "gateway: not running"
    rm -f "$PID_FILE"
    return 0
  fi
  local pid
  pid="$(cat "$PID_FILE")"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "gateway (pid $pid) did not stop within 30 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  echo "gateway: stopped (pid $pid); the Fabric network keeps running (scripts/network.sh down stops it)"
}

case "${1:-start}" in
  stop) stop; exit 0 ;;
  status)
    if running; then echo "gateway: running (pid $(cat "$PID_FILE")) on $URL"; else echo "gateway: stopped"; fi
    exit 0 ;;
  start) ;;
  *) echo "usage: scripts/run.sh [start|stop|status]" >&2; exit 2 ;;
esac

for tool in java mvn curl jq; do
  command -v "$tool" >/dev/null || { echo "scripts/run.sh: $tool is required (see README.md, Prerequisites)" >&2; exit 1; }
done

scripts/install-fabric.sh
scripts/jemalloc.sh install
scripts/network.sh up

echo "building node and gateway (mvn package, tests skipped)..."
mvn -q -B -ntp -DskipTests -DskipITs -pl node,gateway-api -am package

mkdir -p "$RUN_DIR"
if running; then
  echo "gateway: already running (pid $(cat "$PID_FILE")); 'scripts/run.sh stop' first to restart it with the new build"
else
  preload="$(scripts/jemalloc.sh path)" # the allocator RocksDB recommends (docs/decisions.md)
  env ${preload:+LD_PRELOAD="$preload"} nohup java -jar "$JAR" serve >"$LOG_FILE" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  echo "gateway: starting (pid $(cat "$PID_FILE")), log $LOG_FILE"
fi

for i in $(seq 1 240); do
  if curl -fsS --cacert "$CERT" "$URL/health" >/dev/null 2>&1; then break; fi
  if ! running; then
    echo "gateway exited during start; last log lines:" >&2
    tail -n 30 "$LOG_FILE" >&2
    exit 1
  fi
  if [[ $i == 240 ]]; then echo "gateway did not answer $URL/health within 120 s (log: $LOG_FILE)" >&2; exit 1; fi
  sleep 0.5
done

ENT_TOKEN="$(java -jar "$JAR" token --role enterprise --code "$SELLER" --sub demo-enterprise --ttl 1h)"
AUD_TOKEN="$(java -jar "$JAR" token --role auditor --sub demo-auditor --ttl 1h)"
OP_TOKEN="$(java -jar "$JAR" token --role operator --sub demo-operator --ttl 1h)"

cat <<MSG

Gateway up: $URL   (OpenAPI: $URL/openapi.yaml, metrics: $URL/metrics)
TLS: self-signed development certificate $CERT (curl --cacert it, or -k)

Enterprise token (acts for $SELLER, 1 h):
export ENT_TOKEN=$ENT_TOKEN

Auditor token (1 h):
export AUD_TOKEN=$AUD_TOKEN

Operator token (1 h):
export OP_TOKEN=$OP_TOKEN

Console (docs/console.md): $URL/console/
  open it in a browser (accept the development certificate), choose "Sign in" and paste a token:
  the auditor token for search, invoice pages and proofs; the operator token for the dashboard;
  the enterprise token for uploads. Auditor sign-in token:
  $AUD_TOKEN

Anchor the sample invoice and wait for the ledger commit:
curl --cacert $CERT -H "Authorization: Bearer \$ENT_TOKEN" \\
     -F invoice=@$SAMPLE_JSON -F 'document=@$SAMPLE_DOC;type=application/xml' \\
     '$URL/v1/invoices?wait=committed&timeout=20s'

Its provenance (ledger history + verdict), as the auditor:
curl --cacert $CERT -H "Authorization: Bearer \$AUD_TOKEN" $URL/v1/invoices/$SAMPLE_ID/provenance

The original document back:
curl --cacert $CERT -H "Authorization: Bearer \$ENT_TOKEN" $URL/v1/invoices/$SAMPLE_ID/document

Stop the gateway: scripts/run.sh stop    (the network: scripts/network.sh down)

--- running the sample now ---------------------------------------------------------
MSG

echo "POST /v1/invoices?wait=committed"
RESPONSE="$RUN_DIR/sample-response.json"
STATUS="$(curl -sS --cacert "$CERT" -H "Authorization: Bearer $ENT_TOKEN" \
     -F "invoice=@$SAMPLE_JSON" -F "document=@$SAMPLE_DOC;type=application/xml" \
     -o "$RESPONSE" -w 'HTTP %{http_code}, %{time_total} s' \
     "$URL/v1/invoices?wait=committed&timeout=20s")"
jq '{invoiceId, docHash, retainUntil, existing, seal: .seal.keyId, anchor: .anchor}' "$RESPONSE" 2>/dev/null || cat "$RESPONSE"
echo "$STATUS  (201: anchored now; 200: already archived, idempotent; 202: still pending)"
echo
echo "GET /v1/invoices/$SAMPLE_ID/provenance"
curl -sS --cacert "$CERT" -H "Authorization: Bearer $AUD_TOKEN" "$URL/v1/invoices/$SAMPLE_ID/provenance" \
  | jq '{anchored, transactions: [.transactions[] | {action, txId, timestamp, msp: .creator.mspId}], verdict: {verified: .verdict.verified, documentMatchesAnchor: .verdict.documentMatchesAnchor, signatures: [.verdict.signatures[] | {keyId, kind, signatureValid, keyValidAtSigningTime}]}}'
