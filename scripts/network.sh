#!/usr/bin/env bash
# Starts, stops and resets the Fapiao Fabric network as native processes (no container
# engine): one Raft orderer, peer0 of TaxAuthorityMSP, peer0 of EnterpriseServicesMSP,
# channel "invoices", and the "fapiao" chaincode running as a service.
#
#   scripts/network.sh up       generate what is missing, start, join, deploy (no-op when running)
#   scripts/network.sh down     stop exactly the processes this script started
#   scripts/network.sh reset    down, then delete ledgers and generated crypto material
#   scripts/network.sh status   what runs, channel heights, the committed chaincode
#   scripts/network.sh trust    write run/network/trust.json (MSP root CAs for offline proof verification)
#
# Ports come from FAPIAO_* variables (defaults below); everything binds to 127.0.0.1.
# Run state (logs, PID files, ledgers) lives in run/network, crypto material in
# crypto-config/generated; both are git-ignored. Clients read run/network/network.json.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${FAPIAO_ORDERER_PORT:=7050}"
: "${FAPIAO_ORDERER_ADMIN_PORT:=7053}"
: "${FAPIAO_ORDERER_OPS_PORT:=9443}"
: "${FAPIAO_TAX_PEER_PORT:=7051}"
: "${FAPIAO_TAX_PEER_CC_PORT:=7052}"
: "${FAPIAO_TAX_PEER_OPS_PORT:=9444}"
: "${FAPIAO_ENT_PEER_PORT:=9051}"
: "${FAPIAO_ENT_PEER_CC_PORT:=9052}"
: "${FAPIAO_ENT_PEER_OPS_PORT:=9445}"
: "${FAPIAO_CHAINCODE_PORT:=9999}"
: "${FAPIAO_RUN_DIR:=$ROOT/run/network}"
: "${FAPIAO_CRYPTO:=$ROOT/crypto-config/generated}"
: "${FABRIC_BIN_DIR:=$ROOT/.fabric/bin}"
export FAPIAO_ORDERER_PORT FAPIAO_TAX_PEER_PORT FAPIAO_ENT_PEER_PORT FAPIAO_CRYPTO
# core.yaml and orderer.yaml for every Fabric command
export FABRIC_CFG_PATH="$ROOT/network"

CHANNEL=invoices
CC_NAME=fapiao
RUN="$FAPIAO_RUN_DIR"
LOGS="$RUN/logs"
PIDS="$RUN/pids"
BIN="$FABRIC_BIN_DIR"
ORD_DIR="$FAPIAO_CRYPTO/ordererOrganizations/orderer.fapiao.dev"
ORD_NODE="$ORD_DIR/orderers/orderer0.orderer.fapiao.dev"
ORD_TLS_CA="$ORD_DIR/tlsca/tlsca.orderer.fapiao.dev-cert.pem"
TAX_DIR="$FAPIAO_CRYPTO/peerOrganizations/taxauthority.fapiao.dev"
ENT_DIR="$FAPIAO_CRYPTO/peerOrganizations/enterprise.fapiao.dev"

log() { printf '[network] %s\n' "$*"; }
die() { printf '[network] error: %s\n' "$*" >&2; exit 1; }

# ---- processes ---------------------------------------------------------------

pid_alive() { # name
  local f="$PIDS/$1.pid"
  [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

wait_port() { # port seconds name
  local deadline=$(( SECONDS + $2 ))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    (( SECONDS < deadline )) || die "$3 did not open port $1 within $2 s (see $LOGS/$3.log)"
    sleep 0.2
  done
}

start_process() { # name port command... (environment already exported by caller)
  local name=$1 port=$2; shift 2
  if pid_alive "$name"; then return 0; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port for $name is taken by another process; set FAPIAO_* ports"
  fi
  mkdir -p "$LOGS" "$PIDS"
  nohup "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$PIDS/$name.pid"
  wait_port "$port" 60 "$name"
  log "started $name (pid $(cat "$PIDS/$name.pid"), 127.0.0.1:$port)"
}

stop_process() { # name
  local f="$PIDS/$1.pid" pid
  [[ -f "$f" ]] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped $1 (pid $pid)"
  fi
  rm -f "$f"
}

# ---- material ----------------------------------------------------------------

generate_crypto() {
  [[ -d "$FAPIAO_CRYPTO" ]] && return 0
  log "generating crypto material into ${FAPIAO_CRYPTO#$ROOT/}"
  "$BIN/cryptogen" generate --config "$ROOT/crypto-config/crypto-config.yaml" --output "$FAPIAO_CRYPTO" >/dev/null
}

generate_genesis() {
  [[ -f "$RUN/$CHANNEL.block" ]] && return 0
  mkdir -p "$RUN/config"
  # only our own placeholders are substituted
  envsubst '${FAPIAO_CRYPTO} ${FAPIAO_ORDERER_PORT} ${FAPIAO_TAX_PEER_PORT} ${FAPIAO_ENT_PEER_PORT}' \
    <"$ROOT/network/configtx.yaml" >"$RUN/config/configtx.yaml"
  log "creating the genesis block of channel $CHANNEL"
  "$BIN/configtxgen" -configPath "$RUN/config" -profile InvoicesChannel -channelID "$CHANNEL" \
    -outputBlock "$RUN/$CHANNEL.block" 2>>"$LOGS/configtxgen.log"
}

# ---- nodes -------------------------------------------------------------------

start_orderer() {
  local data="$RUN/data/orderer0"
  mkdir -p "$data"
  (
    export FABRIC_CFG_PATH="$ROOT/network"
    export ORDERER_GENERAL_LISTENADDRESS=127.0.0.1
    export ORDERER_GENERAL_LISTENPORT="$FAPIAO_ORDERER_PORT"
    export ORDERER_GENERAL_LOCALMSPID=OrdererMSP
    export ORDERER_GENERAL_LOCALMSPDIR="$ORD_NODE/msp"
    export ORDERER_GENERAL_TLS_ENABLED=true
    export ORDERER_GENERAL_TLS_PRIVATEKEY="$ORD_NODE/tls/server.key"
    export ORDERER_GENERAL_TLS_CERTIFICATE="$ORD_NODE/tls/server.crt"
    export ORDERER_GENERAL_TLS_ROOTCAS="[$ORD_NODE/tls/ca.crt]"
    export ORDERER_GENERAL_BOOTSTRAPMETHOD=none
    export ORDERER_FILELEDGER_LOCATION="$data/ledger"
    export ORDERER_CONSENSUS_WALDIR="$data/etcdraft/wal"
    export ORDERER_CONSENSUS_SNAPDIR="$data/etcdraft/snapshot"
    export ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:$FAPIAO_ORDERER_OPS_PORT"
    export ORDERER_ADMIN_LISTENADDRESS="127.0.0.1:$FAPIAO_ORDERER_ADMIN_PORT"
    export ORDERER_ADMIN_TLS_ENABLED=true
    export ORDERER_ADMIN_TLS_PRIVATEKEY="$ORD_NODE/tls/server.key"
    export ORDERER_ADMIN_TLS_CERTIFICATE="$ORD_NODE/tls/server.crt"
    export ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
    export ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$ORD_NODE/tls/ca.crt]"
    start_process orderer0 "$FAPIAO_ORDERER_PORT" "$BIN/orderer"
  )
}

start_peer() { # name orgDir domain mspId port ccPort opsPort
  local name=$1 org=$2 domain=$3 msp=$4 port=$5 ccport=$6 ops=$7
  local node="$org/peers/peer0.$domain" data="$RUN/data/$name"
  mkdir -p "$data"
  (
    export FABRIC_CFG_PATH="$ROOT/network"
    export CORE_PEER_ID="peer0.$domain"
    export CORE_PEER_LISTENADDRESS="127.0.0.1:$port"
    export CORE_PEER_ADDRESS="127.0.0.1:$port"
    export CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$ccport"
    export CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:$port"
    export CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:$port"
    export CORE_PEER_LOCALMSPID="$msp"
    export CORE_PEER_MSPCONFIGPATH="$node/msp"
    export CORE_PEER_TLS_ENABLED=true
    export CORE_PEER_TLS_CERT_FILE="$node/tls/server.crt"
    export CORE_PEER_TLS_KEY_FILE="$node/tls/server.key"
    export CORE_PEER_TLS_ROOTCERT_FILE="$node/tls/ca.crt"
    export CORE_PEER_FILESYSTEMPATH="$data"
    export CORE_LEDGER_SNAPSHOTS_ROOTDIR="$data/snapshots"
    export CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:$ops"
    export CORE_CHAINCODE_EXTERNALBUILDERS="[{name: fapiao-ccaas, path: $ROOT/network/builders/ccaas}]"
    start_process "$name" "$port" "$BIN/peer" node start
  )
}

# peer CLI as an organisation's admin: as_admin tax|ent command...
as_admin() {
  local who=$1; shift
  local org domain msp port
  case $who in
    tax) org=$TAX_DIR domain=taxauthority.fapiao.dev msp=TaxAuthorityMSP port=$FAPIAO_TAX_PEER_PORT ;;
    ent) org=$ENT_DIR domain=enterprise.fapiao.dev msp=EnterpriseServicesMSP port=$FAPIAO_ENT_PEER_PORT ;;
  esac
  FABRIC_CFG_PATH="$ROOT/network" \
  CORE_PEER_LOCALMSPID="$msp" \
  CORE_PEER_MSPCONFIGPATH="$org/users/Admin@$domain/msp" \
  CORE_PEER_ADDRESS="127.0.0.1:$port" \
  CORE_PEER_TLS_ENABLED=true \
  CORE_PEER_TLS_ROOTCERT_FILE="$org/tlsca/tlsca.$domain-cert.pem" \
    "$@"
}

join_channel() {
  local admin_tls="$ORD_DIR/users/Admin@orderer.fapiao.dev/tls"
  if ! "$BIN/osnadmin" channel list -o "127.0.0.1:$FAPIAO_ORDERER_ADMIN_PORT" --ca-file "$ORD_TLS_CA" \
       --client-cert "$admin_tls/client.crt" --client-key "$admin_tls/client.key" 2>/dev/null | grep -q "\"$CHANNEL\""; then
    log "orderer joins channel $CHANNEL"
    "$BIN/osnadmin" channel join --channelID "$CHANNEL" --config-block "$RUN/$CHANNEL.block" \
      -o "127.0.0.1:$FAPIAO_ORDERER_ADMIN_PORT" --ca-file "$ORD_TLS_CA" \
      --client-cert "$admin_tls/client.crt" --client-key "$admin_tls/client.key" >>"$LOGS/admin.log" 2>&1 \
      || die "orderer could not join $CHANNEL (see $LOGS/admin.log)"
  fi
  local who
  for who in tax ent; do
    if ! as_admin $who "$BIN/peer" channel list 2>/dev/null | grep -qx "$CHANNEL"; then
      log "peer0 of $who joins channel $CHANNEL"
      local tries=0
      until as_admin $who "$BIN/peer" channel join -b "$RUN/$CHANNEL.block" >>"$LOGS/admin.log" 2>&1; do
        (( ++tries < 10 )) || die "peer0 of $who could not join (see $LOGS/admin.log)"
        sleep 1
      done
    fi
  done
}

# ---- chaincode ---------------------------------------------------------------

CC_JAR="$ROOT/chaincode/target/fapiao-chaincode.jar"

build_chaincode() {
  local stale=0
  [[ -f "$CC_JAR" ]] || stale=1
  if [[ $stale == 0 ]] && [[ -n "$(find "$ROOT/chaincode/src/main" "$ROOT/chaincode/pom.xml" "$ROOT/pom.xml" -newer "$CC_JAR" -print -quit)" ]]; then
    stale=1
  fi
  if [[ $stale == 1 ]]; then
    log "building the chaincode (mvn -pl chaincode package)"
    (cd "$ROOT" && mvn -q -B -pl chaincode -DskipTests package) >>"$LOGS/build.log" 2>&1 \
      || die "chaincode build failed (see $LOGS/build.log)"
  fi
}

# The package holds only connection.json, so its id would not change with the code.
# The label carries the jar's hash instead: new code -> new package id -> new
# definition (version = hash, sequence + 1) on the next "up".
package_chaincode() {
  local hash label dir
  hash=$(sha256sum "$CC_JAR" | cut -c1-12)
  label="${CC_NAME}_$hash"
  dir="$RUN/chaincode/$label"
  CC_VERSION=$hash
  CC_PACKAGE="$dir/$label.tar.gz"
  if [[ ! -f "$CC_PACKAGE" ]]; then
    mkdir -p "$dir/src"
    local ccaas="$ENT_DIR/peers/ccaas.enterprise.fapiao.dev/tls"
    local client="$ENT_DIR/users/Admin@enterprise.fapiao.dev/tls"
    jq -n --arg addr "127.0.0.1:$FAPIAO_CHAINCODE_PORT" \
      --rawfile root "$ccaas/ca.crt" --rawfile cert "$client/client.crt" --rawfile key "$client/client.key" \
      '{address: $addr, dial_timeout: "10s", tls_required: true, client_auth_required: true,
        root_cert: $root, client_cert: $cert, client_key: $key}' >"$dir/src/connection.json"
    tar -C "$dir/src" -czf "$dir/code.tar.gz" connection.json
    jq -n --arg lbl "$label" '{"type": "ccaas", "label": $lbl}' >"$dir/metadata.json"
    tar -C "$dir" -czf "$CC_PACKAGE" metadata.json code.tar.gz
  fi
  CC_PACKAGE_ID=$("$BIN/peer" lifecycle chaincode calculatepackageid "$CC_PACKAGE")
}

install_chaincode() {
  local who
  for who in tax ent; do
    if ! as_admin $who "$BIN/peer" lifecycle chaincode queryinstalled --output json 2>/dev/null \
         | jq -e --arg id "$CC_PACKAGE_ID" '.installed_chaincodes // [] | any(.package_id == $id)' >/dev/null; then
      log "installing $CC_PACKAGE_ID on peer0 of $who"
      as_admin $who "$BIN/peer" lifecycle chaincode install "$CC_PACKAGE" >>"$LOGS/admin.log" 2>&1 \
        || die "install failed (see $LOGS/admin.log)"
    fi
  done
}

start_chaincode_server() {
  local idfile="$PIDS/chaincode.id"
  if pid_alive chaincode && [[ "$(cat "$idfile" 2>/dev/null)" == "$CC_PACKAGE_ID" ]]; then return 0; fi
  stop_process chaincode
  local tls="$ENT_DIR/peers/ccaas.enterprise.fapiao.dev/tls"
  (
    export CHAINCODE_ID="$CC_PACKAGE_ID"
    export CHAINCODE_SERVER_ADDRESS="127.0.0.1:$FAPIAO_CHAINCODE_PORT"
    export CHAINCODE_TLS_KEY_FILE="$tls/server.key"
    export CHAINCODE_TLS_CERT_FILE="$tls/server.crt"
    export CHAINCODE_TLS_CLIENT_CACERT_FILE="$ENT_DIR/tlsca/tlsca.enterprise.fapiao.dev-cert.pem"
    start_process chaincode "$FAPIAO_CHAINCODE_PORT" java ${FAPIAO_CHAINCODE_JAVA_OPTS:--Xmx1g} -jar "$CC_JAR"
  )
  echo "$CC_PACKAGE_ID" >"$idfile"
}

deploy_chaincode() {
  local committed current_version sequence
  committed=$(as_admin ent "$BIN/peer" lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" --output json 2>/dev/null || true)
  current_version=$(jq -r '.version // empty' <<<"$committed" 2>/dev/null || true)
  if [[ "$current_version" == "$CC_VERSION" ]]; then return 0; fi
  sequence=$(( $(jq -r '.sequence // 0' <<<"${committed:-{\}}" 2>/dev/null || echo 0) + 1 ))
  log "approving $CC_NAME version $CC_VERSION sequence $sequence for both organisations"
  local orderer=(-o "127.0.0.1:$FAPIAO_ORDERER_PORT" --tls --cafile "$ORD_TLS_CA")
  local who
  for who in tax ent; do
    as_admin $who "$BIN/peer" lifecycle chaincode approveformyorg "${orderer[@]}" -C "$CHANNEL" -n "$CC_NAME" \
      --version "$CC_VERSION" --package-id "$CC_PACKAGE_ID" --sequence "$sequence" --waitForEvent >>"$LOGS/admin.log" 2>&1 \
      || die "approve by $who failed (see $LOGS/admin.log)"
  done
  log "committing $CC_NAME definition"
  as_admin ent "$BIN/peer" lifecycle chaincode commit "${orderer[@]}" -C "$CHANNEL" -n "$CC_NAME" \
    --version "$CC_VERSION" --sequence "$sequence" --waitForEvent \
    --peerAddresses "127.0.0.1:$FAPIAO_TAX_PEER_PORT" --tlsRootCertFiles "$TAX_DIR/tlsca/tlsca.taxauthority.fapiao.dev-cert.pem" \
    --peerAddresses "127.0.0.1:$FAPIAO_ENT_PEER_PORT" --tlsRootCertFiles "$ENT_DIR/tlsca/tlsca.enterprise.fapiao.dev-cert.pem" \
    >>"$LOGS/admin.log" 2>&1 || die "commit failed (see $LOGS/admin.log)"
}

# The Gateway's service discovery finds the other organisation's endorsing peer through
# gossip; until each peer knows the other, endorsements "cannot satisfy the policy".
wait_gossip() {
  local deadline=$(( SECONDS + 90 )) port known
  for port in "$FAPIAO_TAX_PEER_OPS_PORT" "$FAPIAO_ENT_PEER_OPS_PORT"; do
    while :; do
      known=$(curl -s "http://127.0.0.1:$port/metrics" \
        | sed -n 's/^gossip_membership_total_peers_known{channel="'"$CHANNEL"'"} \([0-9]*\).*/\1/p')
      [[ "${known:-0}" -ge 1 ]] && break
      (( SECONDS < deadline )) || die "peers did not discover each other through gossip within 90 s"
      sleep 0.5
    done
  done
}

# After a restart the orderer elects its Raft leader a few seconds after it starts; until then
# every submit fails with "no orderers could successfully process transaction".
wait_orderer_leader() {
  local deadline=$(( SECONDS + 90 )) leader
  while :; do
    leader=$(curl -s "http://127.0.0.1:$FAPIAO_ORDERER_OPS_PORT/metrics" \
      | sed -n 's/^consensus_etcdraft_is_leader{channel="'"$CHANNEL"'"} \([0-9]*\).*/\1/p')
    [[ "${leader:-0}" -ge 1 ]] && break
    (( SECONDS < deadline )) || die "the orderer did not become Raft leader of $CHANNEL within 90 s"
    sleep 0.5
  done
}

# Connection details for clients (archive node, tests, benchmarks).
write_network_json() {
  local user_cert user_key
  jq -n \
    --arg channel "$CHANNEL" --arg chaincode "$CC_NAME" --arg crypto "$FAPIAO_CRYPTO" \
    --arg ordererTlsCa "$ORD_TLS_CA" --arg ordererAddress "127.0.0.1:$FAPIAO_ORDERER_PORT" \
    --arg taxPeer "127.0.0.1:$FAPIAO_TAX_PEER_PORT" --arg entPeer "127.0.0.1:$FAPIAO_ENT_PEER_PORT" \
    --arg taxDir "$TAX_DIR" --arg entDir "$ENT_DIR" --arg version "$CC_VERSION" \
    '{channel: $channel, chaincode: $chaincode, chaincodeVersion: $version,
      orderer: {address: $ordererAddress, tlsCaCert: $ordererTlsCa},
      organizations: {
        TaxAuthorityMSP: {peer: $taxPeer, tlsCaCert: ($taxDir + "/tlsca/tlsca.taxauthority.fapiao.dev-cert.pem"),
          mspDir: ($taxDir + "/msp"),
          users: {Admin: ($taxDir + "/users/Admin@taxauthority.fapiao.dev/msp"),
                  User1: ($taxDir + "/users/User1@taxauthority.fapiao.dev/msp")}},
        EnterpriseServicesMSP: {peer: $entPeer, tlsCaCert: ($entDir + "/tlsca/tlsca.enterprise.fapiao.dev-cert.pem"),
          mspDir: ($entDir + "/msp"),
          users: {Admin: ($entDir + "/users/Admin@enterprise.fapiao.dev/msp"),
                  User1: ($entDir + "/users/User1@enterprise.fapiao.dev/msp"),
                  User2: ($entDir + "/users/User2@enterprise.fapiao.dev/msp")}}}}' \
    >"$RUN/network.json"
}

# Verifier trust anchors (retention proofs): each MSP's signing root CA (msp/cacerts, not TLS).
write_trust_json() {
  jq -n --arg channel "$CHANNEL" \
    --rawfile ord "$(ls "$ORD_DIR"/msp/cacerts/*.pem | head -1)" \
    --rawfile tax "$(ls "$TAX_DIR"/msp/cacerts/*.pem | head -1)" \
    --rawfile ent "$(ls "$ENT_DIR"/msp/cacerts/*.pem | head -1)" \
    '{version: 1, channel: $channel, ordererMsps: ["OrdererMSP"],
      requiredEndorsers: ["TaxAuthorityMSP", "EnterpriseServicesMSP"],
      msps: {OrdererMSP: {rootCerts: [$ord]}, TaxAuthorityMSP: {rootCerts: [$tax]},
             EnterpriseServicesMSP: {rootCerts: [$ent]}}}' >"$RUN/trust.json"
  log "trust anchors: ${RUN#$ROOT/}/trust.json"
}

# ---- commands ----------------------------------------------------------------

all_running() {
  pid_alive orderer0 && pid_alive peer0.taxauthority && pid_alive peer0.enterprise && pid_alive chaincode
}

cmd_up() {
  local start=$SECONDS
  [[ -x "$BIN/peer" ]] || "$ROOT/scripts/install-fabric.sh"
  command -v jq >/dev/null || die "jq is required"
  command -v envsubst >/dev/null || die "envsubst (gettext-base) is required"
  command -v curl >/dev/null || die "curl is required"
  mkdir -p "$LOGS" "$PIDS"
  generate_crypto # the chaincode package embeds TLS material
  build_chaincode
  package_chaincode
  if all_running && [[ "$(cat "$PIDS/chaincode.id" 2>/dev/null)" == "$CC_PACKAGE_ID" ]]; then
    log "network already up"
    write_trust_json
    cmd_status
    return 0
  fi
  generate_genesis
  start_orderer
  start_peer peer0.taxauthority "$TAX_DIR" taxauthority.fapiao.dev TaxAuthorityMSP \
    "$FAPIAO_TAX_PEER_PORT" "$FAPIAO_TAX_PEER_CC_PORT" "$FAPIAO_TAX_PEER_OPS_PORT"
  start_peer peer0.enterprise "$ENT_DIR" enterprise.fapiao.dev EnterpriseServicesMSP \
    "$FAPIAO_ENT_PEER_PORT" "$FAPIAO_ENT_PEER_CC_PORT" "$FAPIAO_ENT_PEER_OPS_PORT"
  join_channel
  install_chaincode
  start_chaincode_server
  deploy_chaincode
  wait_gossip
  wait_orderer_leader
  write_network_json
  write_trust_json
  log "network up in $(( SECONDS - start )) s; chaincode $CC_NAME version $CC_VERSION; clients: ${RUN#$ROOT/}/network.json"
}

cmd_down() {
  local name
  for name in chaincode peer0.enterprise peer0.taxauthority orderer0; do stop_process "$name"; done
  rm -f "$PIDS/chaincode.id"
  log "network down"
}

cmd_reset() {
  cmd_down
  rm -rf "$RUN" "$FAPIAO_CRYPTO"
  log "ledgers and generated material deleted"
}

cmd_status() {
  local name
  for name in orderer0 peer0.taxauthority peer0.enterprise chaincode; do
    if pid_alive "$name"; then echo "$name: running (pid $(cat "$PIDS/$name.pid"))"; else echo "$name: stopped"; fi
  done
  if pid_alive peer0.enterprise; then
    as_admin ent "$BIN/peer" channel getinfo -c "$CHANNEL" 2>/dev/null | sed -n 's/^Blockchain info: /invoices: /p' || true
    as_admin ent "$BIN/peer" lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" 2>/dev/null \
      | sed -n 's/^Committed chaincode definition for chaincode/chaincode/p' || true
  fi
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  reset) cmd_reset ;;
  status) cmd_status ;;
  trust) write_trust_json ;;
  *) echo "usage: scripts/network.sh up | down | reset | status | trust" >&2; exit 2 ;;
esac
