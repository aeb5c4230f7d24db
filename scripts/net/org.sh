# A peer organisation on its own: crypto, MSP definition, peer, chaincode server, channel
# membership and chaincode approval, each run with only that organisation's material
# (run/network/orgs/<org>) and what others published (run/network/shared).
# Sourced by scripts/network.sh.

# Step 1 of joining (run by the new organisation): its keys and certificates, generated
# alone, then its public MSP definition published to shared/<org>.
org_create() { # name msp host
  local name=$1 msp=$2 host=$3
  [[ -f "$(org_dir "$name")/org.env" ]] || org_settings_write "$name" "$msp" "$name.fapiao.dev" "$host"
  load_org "$name"
  mkdir -p "$ORG_DIR/logs"
  if [[ ! -d "$ORG_CRYPTO" ]]; then
    log "$name: generating its crypto material (its keys stay in ${ORG_DIR#$ROOT/})"
    mkdir -p "$ORG_DIR/config"
    ORG_DOMAIN=$ORG_DOMAIN ORG_HOST=$ORG_HOST \
      render "$ROOT/crypto-config/peer-org.yaml" "$ORG_DIR/config/crypto.yaml" ORG_DOMAIN ORG_HOST
    "$BIN/cryptogen" generate --config "$ORG_DIR/config/crypto.yaml" --output "$ORG_DIR/crypto" >/dev/null
  fi
  local out="$SHARED/$name"
  if [[ ! -f "$out/definition.json" ]]; then
    mkdir -p "$out"
    rm -rf "$out/msp"
    cp -R "$ORG_CRYPTO/msp" "$out/msp" # cacerts, tlscacerts, config.yaml: public only
    cp "$ORG_TLS_CA" "$out/tlsca.pem"
    FAPIAO_SHARED=$SHARED ORG_NAME=$ORG_NAME ORG_MSP=$ORG_MSP ORG_HOST=$ORG_HOST ORG_PEER_PORT=$ORG_PEER_PORT \
      render "$ROOT/network/org-configtx.yaml" "$ORG_DIR/config/configtx.yaml" \
      FAPIAO_SHARED ORG_NAME ORG_MSP ORG_HOST ORG_PEER_PORT
    "$BIN/configtxgen" -configPath "$ORG_DIR/config" -printOrg "$ORG_MSP" >"$out/definition.json.tmp" \
      2>>"$ORG_DIR/logs/configtxgen.log" || die "$name: configtxgen -printOrg failed"
    mv "$out/definition.json.tmp" "$out/definition.json"
    log "$name: MSP definition ${out#$ROOT/}/definition.json ($ORG_MSP, anchor peer $ORG_HOST:$ORG_PEER_PORT)"
  fi
}

start_peer() { # org
  (
    load_org "$1"
    local data="$ORG_DIR/data/peer0" addr="$ORG_HOST:$ORG_PEER_PORT"
    mkdir -p "$data"
    export FABRIC_CFG_PATH="$ROOT/network"
    export CORE_PEER_ID="peer0.$ORG_DOMAIN"
    export CORE_PEER_LISTENADDRESS="$addr"
    export CORE_PEER_ADDRESS="$addr"
    export CORE_PEER_CHAINCODELISTENADDRESS="$ORG_HOST:$ORG_PEER_CC_PORT"
    export CORE_PEER_GOSSIP_BOOTSTRAP="$addr"
    export CORE_PEER_GOSSIP_EXTERNALENDPOINT="$addr"
    export CORE_PEER_LOCALMSPID="$ORG_MSP"
    export CORE_PEER_MSPCONFIGPATH="$ORG_PEER/msp"
    export CORE_PEER_TLS_ENABLED=true
    export CORE_PEER_TLS_CERT_FILE="$ORG_PEER/tls/server.crt"
    export CORE_PEER_TLS_KEY_FILE="$ORG_PEER/tls/server.key"
    export CORE_PEER_TLS_ROOTCERT_FILE="$ORG_PEER/tls/ca.crt"
    export CORE_PEER_FILESYSTEMPATH="$data"
    export CORE_LEDGER_SNAPSHOTS_ROOTDIR="$data/snapshots"
    export CORE_OPERATIONS_LISTENADDRESS="$ORG_HOST:$ORG_PEER_OPS_PORT"
    export CORE_CHAINCODE_EXTERNALBUILDERS="[{name: fapiao-ccaas, path: $ROOT/network/builders/ccaas}]"
    local cmd=("$BIN/peer" node start)
    if [[ $ORG_RUNTIME == container ]]; then # scripts/net/container.sh: same settings, image paths
      container_ready peer
      export FABRIC_CFG_PATH=/etc/hyperledger/fabric
      export CORE_CHAINCODE_EXTERNALBUILDERS="[{name: fapiao-ccaas, path: /opt/fapiao/builders/ccaas}]"
      container_command "$1" peer0 fapiao/peer:local CORE_ FABRIC_CFG_PATH
      cmd=("${CONTAINER_CMD[@]}" node start)
    fi
    start_process "$1" peer0 "$ORG_HOST" "$ORG_PEER_PORT" "${cmd[@]}"
  )
}

peer_joined() { as_admin "$1" "$BIN/peer" channel list 2>/dev/null | grep -qx "$CHANNEL"; }

# Joins the organisation's peer with block 0, which the organisation fetches from the
# orderer itself once the channel lists it (a founding member uses the genesis block it has).
peer_join() { # org [block]
  local org=$1 block=${2:-}
  peer_joined "$org" && return 0
  local dir; dir="$(org_dir "$org")"
  if [[ -z "$block" ]]; then
    block="$dir/$CHANNEL-0.block"
    # shellcheck disable=SC2046
    as_admin "$org" "$BIN/peer" channel fetch 0 "$block" -c "$CHANNEL" $(orderer_args) >>"$dir/logs/admin.log" 2>&1 \
      || die "$org cannot read block 0 of $CHANNEL from the orderer: is it a member yet? (see ${dir#$ROOT/}/logs/admin.log)"
  fi
  log "peer0 of $org joins channel $CHANNEL"
  local tries=0
  until as_admin "$org" "$BIN/peer" channel join -b "$block" >>"$dir/logs/admin.log" 2>&1; do
    (( ++tries < 10 )) || die "peer0 of $org could not join (see ${dir#$ROOT/}/logs/admin.log)"
    sleep 1
  done
}

# ---- chaincode: one server per organisation, with that organisation's TLS ----------

CC_JAR="$ROOT/chaincode/target/fapiao-chaincode.jar"

build_chaincode() {
  local stale=0
  [[ -f "$CC_JAR" ]] || stale=1
  if [[ $stale == 0 ]] && [[ -n "$(find "$ROOT/chaincode/src/main" "$ROOT/chaincode/pom.xml" "$ROOT/pom.xml" -newer "$CC_JAR" -print -quit)" ]]; then
    stale=1
  fi
  if [[ $stale == 1 ]]; then
    log "building the chaincode (mvn -pl chaincode package)"
    mkdir -p "$RUN/logs"
    (cd "$ROOT" && mvn -q -B -pl chaincode -DskipTests package) >>"$RUN/logs/build.log" 2>&1 \
      || die "chaincode build failed (see ${RUN#$ROOT/}/logs/build.log)"
  fi
  CC_VERSION=$(sha256sum "$CC_JAR" | cut -c1-12)
}

# The package holds only connection.json (this organisation's chaincode server address and
# its client key), so each organisation builds its own. The label carries the jar's hash:
# new code -> new version -> new definition (sequence + 1) on the next "up".
package_chaincode() { # org   -> CC_PACKAGE, CC_PACKAGE_ID
  load_org "$1"
  local label="${CC_NAME}_$CC_VERSION" dir
  dir="$ORG_DIR/chaincode/$label"
  CC_PACKAGE="$dir/$label.tar.gz"
  if [[ ! -f "$CC_PACKAGE" ]]; then
    mkdir -p "$dir/src"
    local client="$ORG_CRYPTO/users/Admin@$ORG_DOMAIN/tls"
    jq -n --arg addr "$ORG_HOST:$ORG_CHAINCODE_PORT" \
      --rawfile root "$ORG_TLS_CA" --rawfile cert "$client/client.crt" --rawfile key "$client/client.key" \
      '{address: $addr, dial_timeout: "10s", tls_required: true, client_auth_required: true,
        root_cert: $root, client_cert: $cert, client_key: $key}' >"$dir/src/connection.json"
    tar -C "$dir/src" -czf "$dir/code.tar.gz" connection.json
    jq -n --arg lbl "$label" '{"type": "ccaas", "label": $lbl}' >"$dir/metadata.json"
    tar -C "$dir" -czf "$CC_PACKAGE" metadata.json code.tar.gz
  fi
  CC_PACKAGE_ID=$("$BIN/peer" lifecycle chaincode calculatepackageid "$CC_PACKAGE")
}

install_chaincode() { # org
  package_chaincode "$1"
  if ! as_admin "$1" "$BIN/peer" lifecycle chaincode queryinstalled --output json 2>/dev/null \
       | jq -e --arg id "$CC_PACKAGE_ID" '.installed_chaincodes // [] | any(.package_id == $id)' >/dev/null; then
    log "installing $CC_PACKAGE_ID on peer0 of $1"
    as_admin "$1" "$BIN/peer" lifecycle chaincode install "$CC_PACKAGE" >>"$ORG_DIR/logs/admin.log" 2>&1 \
      || die "install on $1 failed (see ${ORG_DIR#$ROOT/}/logs/admin.log)"
  fi
}

start_chaincode_server() { # org
  package_chaincode "$1"
  local idfile="$ORG_DIR/pids/chaincode.id"
  if pid_alive "$1" chaincode && [[ "$(cat "$idfile" 2>/dev/null)" == "$CC_PACKAGE_ID" ]]; then return 0; fi
  stop_process "$1" chaincode
  local tls="$ORG_CRYPTO/peers/ccaas.$ORG_DOMAIN/tls"
  (
    export CHAINCODE_ID="$CC_PACKAGE_ID"
    export CHAINCODE_SERVER_ADDRESS="$ORG_HOST:$ORG_CHAINCODE_PORT"
    export CHAINCODE_TLS_KEY_FILE="$tls/server.key"
    export CHAINCODE_TLS_CERT_FILE="$tls/server.crt"
    export CHAINCODE_TLS_CLIENT_CACERT_FILE="$ORG_TLS_CA"
    # shellcheck disable=SC2206
    local cmd=(java ${FAPIAO_CHAINCODE_JAVA_OPTS:--Xmx1g} -jar "$CC_JAR")
    if [[ $ORG_RUNTIME == container ]]; then
      container_ready chaincode fapiao.chaincode "$CC_VERSION"
      export JAVA_OPTS="${FAPIAO_CHAINCODE_JAVA_OPTS:--Xmx1g}"
      container_command "$1" chaincode fapiao/chaincode:local CHAINCODE_ JAVA_OPTS
      cmd=("${CONTAINER_CMD[@]}")
    fi
    start_process "$1" chaincode "$ORG_HOST" "$ORG_CHAINCODE_PORT" "${cmd[@]}"
  )
  echo "$CC_PACKAGE_ID" >"$idfile"
}

committed_definition() { # org -> JSON of the committed definition, or {}
  as_admin "$1" "$BIN/peer" lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" --output json 2>/dev/null || echo '{}'
}

approved_at() { # org sequence -> 0 when the org approved that sequence
  as_admin "$1" "$BIN/peer" lifecycle chaincode queryapproved -C "$CHANNEL" -n "$CC_NAME" --sequence "$2" \
    --output json >/dev/null 2>&1
}

approve_chaincode() { # org version sequence
  package_chaincode "$1"
  approved_at "$1" "$3" && return 0
  log "$1 approves $CC_NAME version $2 sequence $3"
  # shellcheck disable=SC2046
  as_admin "$1" "$BIN/peer" lifecycle chaincode approveformyorg $(orderer_args) -C "$CHANNEL" -n "$CC_NAME" \
    --version "$2" --package-id "$CC_PACKAGE_ID" --sequence "$3" --waitForEvent >>"$ORG_DIR/logs/admin.log" 2>&1 \
    || die "approve by $1 failed (see ${ORG_DIR#$ROOT/}/logs/admin.log)"
}

# A new definition (first deploy or new code): every member approves, one commits with
# every member's peer as endorser (the LifecycleEndorsement policy is MAJORITY).
deploy_chaincode() {
  local orgs first committed sequence o
  mapfile -t orgs < <(member_orgs)
  first=${orgs[0]}
  committed=$(committed_definition "$first")
  [[ "$(jq -r '.version // empty' <<<"$committed")" == "$CC_VERSION" ]] && return 0
  sequence=$(( $(jq -r '.sequence // 0' <<<"$committed") + 1 ))
  for o in "${orgs[@]}"; do approve_chaincode "$o" "$CC_VERSION" "$sequence"; done
  local peers=()
  for o in "${orgs[@]}"; do
    load_org "$o"
    peers+=(--peerAddresses "$ORG_HOST:$ORG_PEER_PORT" --tlsRootCertFiles "$SHARED/$o/tlsca.pem")
  done
  log "committing $CC_NAME version $CC_VERSION sequence $sequence"
  load_org "$first"
  # shellcheck disable=SC2046
  as_admin "$first" "$BIN/peer" lifecycle chaincode commit $(orderer_args) -C "$CHANNEL" -n "$CC_NAME" \
    --version "$CC_VERSION" --sequence "$sequence" --waitForEvent "${peers[@]}" >>"$ORG_DIR/logs/admin.log" 2>&1 \
    || die "commit failed (see ${ORG_DIR#$ROOT/}/logs/admin.log)"
}

# A joining organisation approves the definition already committed. Without this its peer
# refuses to run the chaincode: "chaincode definition for 'fapiao' ... not agreed to by this org".
approve_committed() { # org
  local committed version sequence
  committed=$(committed_definition "$1")
  version=$(jq -r '.version // empty' <<<"$committed")
  sequence=$(jq -r '.sequence // empty' <<<"$committed")
  [[ -n "$version" ]] || die "$1: no committed $CC_NAME definition visible on its peer yet"
  [[ "$version" == "$CC_VERSION" ]] \
    || die "$1: committed $CC_NAME version $version is not this checkout's chaincode ($CC_VERSION); build the same jar"
  approve_chaincode "$1" "$version" "$sequence"
  approved_at "$1" "$sequence" || die "$1: approval of sequence $sequence not visible on its peer"
}

peer_height() { # org -> height or empty
  as_admin "$1" "$BIN/peer" channel getinfo -c "$CHANNEL" 2>/dev/null \
    | sed -n 's/^Blockchain info: //p' | jq -r '.height // empty' 2>/dev/null || true
}

# Waits until the organisation's peer caught up with another member's height.
wait_height() { # org reference-org
  local want deadline=$(( SECONDS + 120 )) have
  want=$(peer_height "$2")
  while :; do
    have=$(peer_height "$1")
    [[ -n "$have" && -n "$want" && "$have" -ge "$want" ]] && return 0
    (( SECONDS < deadline )) || die "$1's peer did not reach height $want within 120 s (at ${have:-?})"
    sleep 0.5
  done
}

# The Gateway's discovery finds other organisations' endorsing peers through gossip.
wait_gossip() { # org count
  local deadline=$(( SECONDS + 90 )) known
  load_org "$1"
  while :; do
    known=$(curl -s "http://$ORG_HOST:$ORG_PEER_OPS_PORT/metrics" \
      | sed -n 's/^gossip_membership_total_peers_known{channel="'"$CHANNEL"'"} \([0-9]*\).*/\1/p')
    [[ "${known:-0}" -ge "$2" ]] && return 0
    (( SECONDS < deadline )) || die "peer0 of $1 knows ${known:-0} of $2 other peers through gossip after 90 s"
    sleep 0.5
  done
}

stop_org() { # org
  stop_process "$1" chaincode
  stop_process "$1" peer0
  if org_in_containers "$1"; then container_remove "$1" chaincode; container_remove "$1" peer0; fi
  rm -f "$(org_dir "$1")/pids/chaincode.id"
}
