#!/usr/bin/env bash
# The Fapiao consortium network as native processes (no container engine). Each
# organisation has its own folder run/network/orgs/<org> (keys, MSP, TLS, peer, its own
# chaincode server, logs, ledger) and its own loopback address; what passes between
# organisations (public MSP definitions, signed config updates, the orderer TLS CA, the
# genesis block) is in run/network/shared. Three Raft orderers; channel "invoices".
#
#   network.sh up | down | reset | status | trust | check-keys
#   network.sh add-org NAME [--msp-id ID] [--host IP] [--containers]   the whole join flow:
#     org-create NAME [--msp-id ID] [--host IP]          new org: crypto + MSP definition
#     config-propose add NAME --as ORG                   member admin: fetch, compute update, sign
#     config-sign add NAME --as ORG                      other member admins sign (MAJORITY)
#     config-submit add NAME --as ORG                    a member admin submits
#     org-join NAME [--containers]                       new org: peer joins, chaincode, approve
#   network.sh remove-org NAME                           the reverse update, then org-leave NAME
#
# Addresses are configuration: FAPIAO_NET_PREFIX (default 127.0), or FAPIAO_ORDERER_HOSTS,
# FAPIAO_TAX_HOST, FAPIAO_ENT_HOST before the first "up", and each org's run/network/orgs/<org>/org.env afterwards.
# Clients read run/network/network.json; verifiers run/network/trust.json.
# --containers (or FAPIAO_ORG_RUNTIME=container): the new org's peer and chaincode server run
# as containers (scripts/dockerd.sh, scripts/images.sh, scripts/net/container.sh).
# FAPIAO_START_TIMEOUT: seconds a process may take to open its port (180).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${FAPIAO_NET_PREFIX:=127.0}" # first two octets of every default address below
: "${FAPIAO_ORDERER_HOSTS:=$FAPIAO_NET_PREFIX.1.1 $FAPIAO_NET_PREFIX.1.2 $FAPIAO_NET_PREFIX.1.3}"
: "${FAPIAO_TAX_HOST:=$FAPIAO_NET_PREFIX.2.1}"
: "${FAPIAO_ENT_HOST:=$FAPIAO_NET_PREFIX.3.1}"
: "${FAPIAO_ORDERER_PORT:=7050}"
: "${FAPIAO_ORDERER_ADMIN_PORT:=7053}"
: "${FAPIAO_ORDERER_OPS_PORT:=9443}"
: "${FAPIAO_PEER_PORT:=7051}"
: "${FAPIAO_PEER_CC_PORT:=7052}"
: "${FAPIAO_PEER_OPS_PORT:=9444}"
: "${FAPIAO_CHAINCODE_PORT:=9999}"
: "${FAPIAO_RUN_DIR:=$ROOT/run/network}"
: "${FABRIC_BIN_DIR:=$ROOT/.fabric/bin}"
export FABRIC_CFG_PATH="$ROOT/network"
export FAPIAO_ORDERER_PORT FAPIAO_PEER_PORT

CHANNEL=invoices
CC_NAME=fapiao
RUN="$FAPIAO_RUN_DIR"
SHARED="$RUN/shared"
BIN="$FABRIC_BIN_DIR"
FOUNDERS=(taxauthority enterprise)

source "$ROOT/scripts/net/lib.sh"
source "$ROOT/scripts/net/orderer.sh"
source "$ROOT/scripts/net/org.sh"
source "$ROOT/scripts/net/channel.sh"
source "$ROOT/scripts/net/trust.sh"
source "$ROOT/scripts/net/profile.sh"
source "$ROOT/scripts/net/container.sh"

generate_genesis() {
  [[ -f "$SHARED/$CHANNEL.block" ]] && return 0
  load_org taxauthority; local tax=$ORG_HOST
  load_org enterprise; local ent=$ORG_HOST
  FAPIAO_SHARED=$SHARED ORDERER0_HOST=${ORDERER_HOSTS[0]} ORDERER1_HOST=${ORDERER_HOSTS[1]} \
  ORDERER2_HOST=${ORDERER_HOSTS[2]} TAX_HOST=$tax ENT_HOST=$ent FAPIAO_PEER_PORT=$FAPIAO_PEER_PORT \
    render "$ROOT/network/configtx.yaml" "$SHARED/configtx.yaml" FAPIAO_SHARED ORDERER0_HOST ORDERER1_HOST \
    ORDERER2_HOST TAX_HOST ENT_HOST FAPIAO_ORDERER_PORT FAPIAO_PEER_PORT
  log "creating the genesis block of channel $CHANNEL from published public material"
  "$BIN/configtxgen" -configPath "$SHARED" -profile InvoicesChannel -channelID "$CHANNEL" \
    -outputBlock "$SHARED/$CHANNEL.block" 2>>"$RUN/logs/configtxgen.log" || die "configtxgen failed (see run/network/logs)"
  : >"$SHARED/members"
  echo '[]' >"$SHARED/membership.json"
  local o
  for o in "${FOUNDERS[@]}"; do record_membership add "$o" 0; done
}

# The layout before issue 11 (one folder, PID files in run/network/pids, every process on
# 127.0.0.1): stop the processes it started, by PID file, and move it aside.
retire_legacy_layout() {
  [[ -d "$RUN/pids" ]] || return 0
  local f pid legacy
  for f in "$RUN"/pids/*.pid; do
    [[ -f "$f" ]] || continue
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; log "stopped legacy $(basename "$f" .pid) (pid $pid)"; fi
  done
  legacy="$RUN.legacy-$(date +%Y%m%d%H%M%S)"
  mv "$RUN" "$legacy"
  [[ -d "$ROOT/crypto-config/generated" ]] && mv "$ROOT/crypto-config/generated" "$legacy/crypto-config-generated"
  log "moved the single-folder network of before to ${legacy#$ROOT/} (its ledgers cannot be reused)"
}

start_members() {
  local o
  for o in $(member_orgs); do start_peer "$o"; done
}

cmd_up() {
  local start=$SECONDS o
  [[ -x "$BIN/peer" ]] || "$ROOT/scripts/install-fabric.sh"
  local tool
  for tool in jq envsubst curl; do command -v $tool >/dev/null || die "$tool is required"; done
  retire_legacy_layout
  mkdir -p "$RUN/logs" "$SHARED"
  build_chaincode
  orderer_crypto
  orderer_publish
  org_create taxauthority TaxAuthorityMSP "$FAPIAO_TAX_HOST"
  org_create enterprise EnterpriseServicesMSP "$FAPIAO_ENT_HOST"
  generate_genesis
  start_orderers
  orderers_join
  start_members
  wait_orderer_leader
  for o in $(member_orgs); do
    if [[ -f "$(org_dir "$o")/$CHANNEL-0.block" ]]; then peer_join "$o" "$(org_dir "$o")/$CHANNEL-0.block"
    else peer_join "$o" "$SHARED/$CHANNEL.block"; fi
    install_chaincode "$o"
    start_chaincode_server "$o"
  done
  deploy_chaincode
  local n; n=$(member_orgs | wc -l)
  for o in $(member_orgs); do wait_gossip "$o" $(( n - 1 )); done
  write_network_json
  write_trust_json
  log "network up in $(( SECONDS - start )) s; chaincode $CC_NAME version $CC_VERSION; clients: ${RUN#$ROOT/}/network.json"
}

cmd_down() {
  local d o
  retire_legacy_layout
  for d in "$RUN"/orgs/*/; do
    o=$(basename "$d")
    [[ $o == orderer ]] || stop_org "$o"
  done
  [[ -d "$RUN/orgs/orderer" ]] && stop_orderers
  log "network down"
}

cmd_reset() {
  cmd_down
  rm -rf "$RUN"
  log "ledgers and generated material deleted"
}

# One line per organisation: MSP id, process states, ledger height, chaincode approval.
cmd_status() {
  local i line o committed seq
  line="orderer OrdererMSP:"
  for i in 0 1 2; do
    if pid_alive orderer "${ORDERERS[$i]}"; then
      line+=" ${ORDERERS[$i]} running"; orderer_is_leader "$i" && line+=" (leader)"
    else line+=" ${ORDERERS[$i]} stopped"; fi
  done
  echo "$line"
  for o in $(member_orgs); do
    load_org "$o"
    line="$o $ORG_MSP: peer"
    [[ $ORG_RUNTIME == container ]] && line="$o $ORG_MSP (containers): peer"
    if pid_alive "$o" peer0; then
      line+=" running ($ORG_HOST:$ORG_PEER_PORT), height $(peer_height "$o")"
      committed=$(committed_definition "$o")
      seq=$(jq -r '.sequence // empty' <<<"$committed")
      if [[ -z "$seq" ]]; then line+=", chaincode not committed"
      elif approved_at "$o" "$seq"; then line+=", chaincode $CC_NAME $(jq -r .version <<<"$committed") approved yes"
      else line+=", chaincode $CC_NAME approved no"; fi
    else line+=" stopped"; fi
    pid_alive "$o" chaincode && line+=", chaincode server running" || line+=", chaincode server stopped"
    echo "$line"
  done
}

# ---- joining and leaving -------------------------------------------------------

next_host() { # PREFIX.N.1 with the smallest N >= 4 no organisation uses
  local n=4
  while grep -qs "^ORG_HOST=$FAPIAO_NET_PREFIX.$n.1\$" "$RUN"/orgs/*/org.env; do n=$(( n + 1 )); done
  echo "$FAPIAO_NET_PREFIX.$n.1"
}

cmd_org_create() { # name [--msp-id ID] [--host IP]
  local name=$1 msp="" host=""; shift
  while (( $# )); do
    case $1 in --msp-id) msp=$2; shift 2 ;; --host) host=$2; shift 2 ;; *) die "unknown option $1" ;; esac
  done
  [[ "$name" =~ ^[a-z][a-z0-9]{1,30}$ ]] || die "organisation name must be lower-case letters and digits: $name"
  [[ -n "$msp" ]] || msp="${name^}MSP"
  [[ -n "$host" ]] || host=$(next_host)
  mkdir -p "$(org_dir "$name")/logs"
  org_create "$name" "$msp" "$host"
}

# The new organisation's own steps once the channel lists it.
cmd_org_join() { # name [--containers]
  local o=$1 ref runtime=${FAPIAO_ORG_RUNTIME:-}
  [[ ${2:-} == --containers ]] && runtime=container
  is_member "$o" || die "$o is not in the channel yet (config-submit add $o first)"
  [[ -z "$runtime" || $runtime == native || $runtime == container ]] \
    || die "FAPIAO_ORG_RUNTIME must be native or container: $runtime"
  [[ -z "$runtime" ]] || set_org_runtime "$o" "$runtime"
  build_chaincode
  start_peer "$o"
  peer_join "$o"
  install_chaincode "$o"
  start_chaincode_server "$o"
  ref=$(member_orgs | grep -vx "$o" | head -1)
  wait_height "$o" "$ref"
  approve_committed "$o"
  local n; n=$(member_orgs | wc -l)
  wait_gossip "$o" $(( n - 1 ))
  for ref in $(member_orgs); do wait_gossip "$ref" $(( n - 1 )); done
}

# Signatures from members in joining order until MAJORITY of the current members is
# reached (an org being removed does not sign its own removal).
run_update() { # action org
  local action=$1 org=$2 signers=() need m
  for m in $(member_orgs); do [[ $m == "$org" ]] || signers+=("$m"); done
  local count; count=$(member_orgs | wc -l)
  need=$(majority "$count")
  (( ${#signers[@]} >= need )) || die "not enough other members to reach MAJORITY ($need of $count)"
  config_propose "$action" "$org" "${signers[0]}"
  for m in "${signers[@]:1:need-1}"; do config_sign "$action" "$org" "$m"; done
  config_submit "$action" "$org" "${signers[need-1]}"
}

cmd_add_org() { # name [options]
  local start=$SECONDS name=$1 a args=() join=()
  for a in "$@"; do if [[ $a == --containers ]]; then join=(--containers); else args+=("$a"); fi; done
  cmd_org_create "${args[@]}"
  is_member "$name" || run_update add "$name"
  cmd_org_join "$name" ${join[@]+"${join[@]}"}
  write_network_json
  write_trust_json
  log "$name joined in $(( SECONDS - start )) s"
}

cmd_remove_org() { # name
  local name=$1
  [[ " ${FOUNDERS[*]} " == *" $name "* ]] && die "$name is a founding member; this network keeps two"
  is_member "$name" || die "$name is not a member"
  run_update remove "$name"
  stop_org "$name" # org-leave: without membership its peer can no longer pull blocks
  write_network_json
  write_trust_json
  log "$name removed"
}

parse_as() { # args... -> AS
  AS=""
  while (( $# )); do case $1 in --as) AS=$2; shift 2 ;; *) shift ;; esac; done
  [[ -n "$AS" ]] || die "--as ORG is required (the admin running this step)"
}

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

cmd=${1:-}; shift || true
case "$cmd" in
  up) cmd_up ;;
  down) cmd_down ;;
  reset) cmd_reset ;;
  status) cmd_status ;;
  trust) write_trust_json ;;
  check-keys) "$ROOT/scripts/net/check-keys.sh" "$RUN" ;;
  add-org) [[ $# -ge 1 ]] || usage; cmd_add_org "$@" ;;
  remove-org) [[ $# -eq 1 ]] || usage; cmd_remove_org "$1" ;;
  org-create) [[ $# -ge 1 ]] || usage; cmd_org_create "$@" ;;
  org-join) [[ $# -eq 1 || ( $# -eq 2 && $2 == --containers ) ]] || usage; cmd_org_join "$@"; write_network_json ;;
  org-leave) [[ $# -eq 1 ]] || usage; stop_org "$1" ;;
  config-propose|config-sign|config-submit)
    [[ $# -ge 2 && ( $1 == add || $1 == remove ) ]] || usage
    parse_as "$@"
    "config_${cmd#config-}" "$1" "$2" "$AS" ;;
  *) usage ;;
esac
