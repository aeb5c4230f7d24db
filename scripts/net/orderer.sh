# The orderer organisation: three Raft consenters orderer0..2, each on its own address
# (FAPIAO_ORDERER_HOSTS). Sourced by scripts/network.sh. Its private keys stay in
# run/network/orgs/orderer; it publishes its MSP, TLS CA and consenter certificates to
# run/network/shared/orderer.

ORD_ORG_DIR="$RUN/orgs/orderer"
ORD_CRYPTO="$ORD_ORG_DIR/crypto/ordererOrganizations/orderer.fapiao.dev"
read -r -a ORDERER_HOSTS <<<"$FAPIAO_ORDERER_HOSTS"
(( ${#ORDERER_HOSTS[@]} == 3 )) || die "FAPIAO_ORDERER_HOSTS must name three addresses (one per Raft consenter)"
ORDERERS=(orderer0 orderer1 orderer2)

orderer_node() { printf '%s/orderers/%s.orderer.fapiao.dev' "$ORD_CRYPTO" "$1"; }

orderer_crypto() {
  [[ -d "$ORD_CRYPTO" ]] && return 0
  log "orderer org: generating its crypto material (its keys stay in ${ORD_ORG_DIR#$ROOT/})"
  mkdir -p "$ORD_ORG_DIR/config"
  ORDERER0_HOST=${ORDERER_HOSTS[0]} ORDERER1_HOST=${ORDERER_HOSTS[1]} ORDERER2_HOST=${ORDERER_HOSTS[2]} \
    render "$ROOT/crypto-config/orderer-org.yaml" "$ORD_ORG_DIR/config/crypto.yaml" ORDERER0_HOST ORDERER1_HOST ORDERER2_HOST
  "$BIN/cryptogen" generate --config "$ORD_ORG_DIR/config/crypto.yaml" --output "$ORD_ORG_DIR/crypto" >/dev/null
}

# Public material only: the MSP definition, the TLS CA, each consenter's TLS certificate.
orderer_publish() {
  local out="$SHARED/orderer"
  [[ -f "$out/tlsca.pem" ]] && return 0
  mkdir -p "$out/consenters"
  cp -R "$ORD_CRYPTO/msp" "$out/msp"
  cp "$ORD_CRYPTO/tlsca/tlsca.orderer.fapiao.dev-cert.pem" "$out/tlsca.pem"
  local n
  for n in "${ORDERERS[@]}"; do cp "$(orderer_node "$n")/tls/server.crt" "$out/consenters/$n.crt"; done
}

start_orderer() { # index
  local i=$1 name=${ORDERERS[$1]} host=${ORDERER_HOSTS[$1]}
  local node data="$ORD_ORG_DIR/data/$name"
  node=$(orderer_node "$name")
  mkdir -p "$data"
  (
    export FABRIC_CFG_PATH="$ROOT/network"
    export ORDERER_GENERAL_LISTENADDRESS="$host"
    export ORDERER_GENERAL_LISTENPORT="$FAPIAO_ORDERER_PORT"
    export ORDERER_GENERAL_LOCALMSPID=OrdererMSP
    export ORDERER_GENERAL_LOCALMSPDIR="$node/msp"
    export ORDERER_GENERAL_TLS_ENABLED=true
    export ORDERER_GENERAL_TLS_PRIVATEKEY="$node/tls/server.key"
    export ORDERER_GENERAL_TLS_CERTIFICATE="$node/tls/server.crt"
    export ORDERER_GENERAL_TLS_ROOTCAS="[$node/tls/ca.crt]"
    # Raft traffic shares the main listener; the TLS server pair is also the cluster client pair.
    export ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$node/tls/server.crt"
    export ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$node/tls/server.key"
    export ORDERER_GENERAL_BOOTSTRAPMETHOD=none
    export ORDERER_FILELEDGER_LOCATION="$data/ledger"
    export ORDERER_CONSENSUS_WALDIR="$data/etcdraft/wal"
    export ORDERER_CONSENSUS_SNAPDIR="$data/etcdraft/snapshot"
    export ORDERER_OPERATIONS_LISTENADDRESS="$host:$FAPIAO_ORDERER_OPS_PORT"
    export ORDERER_ADMIN_LISTENADDRESS="$host:$FAPIAO_ORDERER_ADMIN_PORT"
    export ORDERER_ADMIN_TLS_ENABLED=true
    export ORDERER_ADMIN_TLS_PRIVATEKEY="$node/tls/server.key"
    export ORDERER_ADMIN_TLS_CERTIFICATE="$node/tls/server.crt"
    export ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
    export ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$node/tls/ca.crt]"
    start_process orderer "$name" "$host" "$FAPIAO_ORDERER_PORT" "$BIN/orderer"
  )
}

start_orderers() {
  local i
  for i in 0 1 2; do start_orderer "$i"; done
}

osnadmin_on() { # index args...
  local i=$1; shift
  local admin="$ORD_CRYPTO/users/Admin@orderer.fapiao.dev/tls"
  "$BIN/osnadmin" "$@" -o "${ORDERER_HOSTS[$i]}:$FAPIAO_ORDERER_ADMIN_PORT" --ca-file "$SHARED/orderer/tlsca.pem" \
    --client-cert "$admin/client.crt" --client-key "$admin/client.key"
}

# Every consenter joins with the genesis block (channel participation, no system channel).
orderers_join() {
  local i
  for i in 0 1 2; do
    # the admin endpoint can open after the port start_process waited for (seen reopening a large ledger)
    wait_port "${ORDERER_HOSTS[$i]}" "$FAPIAO_ORDERER_ADMIN_PORT" "${FAPIAO_START_TIMEOUT:-180}" \
      "${ORDERERS[$i]} (admin)" "$ORD_ORG_DIR/logs/${ORDERERS[$i]}.log"
    if ! osnadmin_on "$i" channel list 2>/dev/null | grep -q "\"$CHANNEL\""; then
      log "${ORDERERS[$i]} joins channel $CHANNEL"
      osnadmin_on "$i" channel join --channelID "$CHANNEL" --config-block "$SHARED/$CHANNEL.block" \
        >>"$ORD_ORG_DIR/logs/admin.log" 2>&1 || die "${ORDERERS[$i]} could not join $CHANNEL (see ${ORD_ORG_DIR#$ROOT/}/logs/admin.log)"
    fi
  done
}

first_orderer_up() {
  local i
  for i in 0 1 2; do
    if pid_alive orderer "${ORDERERS[$i]}" && port_open "${ORDERER_HOSTS[$i]}" "$FAPIAO_ORDERER_PORT"; then
      echo "${ORDERER_HOSTS[$i]}"; return 0
    fi
  done
  echo "${ORDERER_HOSTS[0]}"
}

orderer_is_leader() { # index
  curl -s "http://${ORDERER_HOSTS[$1]}:$FAPIAO_ORDERER_OPS_PORT/metrics" \
    | grep -q '^consensus_etcdraft_is_leader{channel="'"$CHANNEL"'"} 1'
}

# After a (re)start the consenters elect a Raft leader within a few seconds; until then
# every submit fails with "no orderers could successfully process transaction".
wait_orderer_leader() {
  local deadline=$(( SECONDS + 90 )) i
  while :; do
    for i in 0 1 2; do orderer_is_leader "$i" && return 0; done
    (( SECONDS < deadline )) || die "no Raft leader for $CHANNEL within 90 s"
    sleep 0.5
  done
}

stop_orderers() {
  local n
  for n in "${ORDERERS[@]}"; do stop_process orderer "$n"; done
}
