# Shared helpers of scripts/network.sh: logging, processes, organisation settings.
# Sourced, not run. Every process belongs to one organisation and keeps its PID file and
# log in that organisation's folder (run/network/orgs/<org>/pids, logs).

log() { printf '[network] %s\n' "$*"; }
die() { printf '[network] error: %s\n' "$*" >&2; exit 1; }

org_dir() { printf '%s/orgs/%s' "$RUN" "$1"; }

# Loads an organisation's settings (written by org_settings_write) into ORG_* variables.
load_org() { # name
  local f
  f="$(org_dir "$1")/org.env"
  [[ -f "$f" ]] || die "unknown organisation $1 (no ${f#$ROOT/}; run org-create first)"
  ORG_RUNTIME=native # org.env of an organisation in containers sets it (scripts/net/container.sh)
  # shellcheck disable=SC1090
  source "$f"
  ORG_DIR="$(org_dir "$1")"
  ORG_CRYPTO="$ORG_DIR/crypto/peerOrganizations/$ORG_DOMAIN"
  ORG_PEER="$ORG_CRYPTO/peers/peer0.$ORG_DOMAIN"
  ORG_TLS_CA="$ORG_CRYPTO/tlsca/tlsca.$ORG_DOMAIN-cert.pem"
  ORG_ADMIN_MSP="$ORG_CRYPTO/users/Admin@$ORG_DOMAIN/msp"
}

# The address and ports of an organisation are configuration: edit org.env to move it.
org_settings_write() { # name msp domain host
  local dir
  dir="$(org_dir "$1")"
  mkdir -p "$dir"
  cat >"$dir/org.env" <<ENV
# Settings of organisation $1 (scripts/network.sh). Addresses are configuration:
# change ORG_HOST and the ports here to move the organisation, then restart it.
ORG_NAME=$1
ORG_MSP=$2
ORG_DOMAIN=$3
ORG_HOST=$4
ORG_PEER_PORT=$FAPIAO_PEER_PORT
ORG_PEER_CC_PORT=$FAPIAO_PEER_CC_PORT
ORG_PEER_OPS_PORT=$FAPIAO_PEER_OPS_PORT
ORG_CHAINCODE_PORT=$FAPIAO_CHAINCODE_PORT
ENV
}

# Peer organisations that have joined the channel, in joining order.
member_orgs() {
  [[ -f "$SHARED/members" ]] && cat "$SHARED/members"
  return 0
}

is_member() { member_orgs | grep -qx "$1"; }

pid_file() { printf '%s/pids/%s.pid' "$(org_dir "$1")" "$2"; } # org name

pid_alive() { # org name
  local f
  f="$(pid_file "$1" "$2")"
  [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; } # host port

wait_port() { # host port seconds label log
  local deadline=$(( SECONDS + $3 ))
  until port_open "$1" "$2"; do
    (( SECONDS < deadline )) || die "$4 did not open $1:$2 within $3 s (see ${5#$ROOT/})"
    sleep 0.2
  done
}

# Starts a process of organisation ORG unless it runs; the caller exports its environment.
start_process() { # org name host port command...
  local org=$1 name=$2 host=$3 port=$4; shift 4
  pid_alive "$org" "$name" && return 0
  port_open "$host" "$port" && die "$host:$port for $name is taken by another process; change the address in $(org_dir "$org")/org.env"
  local dir logf
  dir="$(org_dir "$org")"
  logf="$dir/logs/$name.log"
  mkdir -p "$dir/logs" "$dir/pids"
  nohup "$@" >>"$logf" 2>&1 </dev/null &
  echo $! >"$(pid_file "$org" "$name")"
  wait_port "$host" "$port" "${FAPIAO_START_TIMEOUT:-180}" "$name" "$logf" # a loaded machine starts a JVM slowly
  log "started $name of $org (pid $(cat "$(pid_file "$org" "$name")"), $host:$port)"
}

stop_process() { # org name
  local f pid
  f="$(pid_file "$1" "$2")"
  [[ -f "$f" ]] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped $2 of $1 (pid $pid)"
  fi
  rm -f "$f"
}

# peer CLI as an organisation's admin, against that organisation's own peer.
as_admin() { # org command...
  local who=$1; shift
  (
    load_org "$who"
    export FABRIC_CFG_PATH="$ROOT/network"
    export CORE_PEER_LOCALMSPID="$ORG_MSP"
    export CORE_PEER_MSPCONFIGPATH="$ORG_ADMIN_MSP"
    export CORE_PEER_ADDRESS="$ORG_HOST:$ORG_PEER_PORT"
    export CORE_PEER_TLS_ENABLED=true
    export CORE_PEER_TLS_ROOTCERT_FILE="$ORG_TLS_CA"
    "$@"
  )
}

# Renders a template with only the listed ${VAR} placeholders substituted.
render() { # template output vars...
  local in=$1 out=$2; shift 2
  local spec=""
  for v in "$@"; do spec+="\${$v} "; done
  envsubst "$spec" <"$in" >"$out"
}

# The orderer endpoint peers' admins send to, with the orderer org's public TLS CA.
orderer_args() {
  local host
  host=$(first_orderer_up)
  printf '%s\n' -o "$host:$FAPIAO_ORDERER_PORT" --tls --cafile "$SHARED/orderer/tlsca.pem"
}
