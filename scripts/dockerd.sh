#!/usr/bin/env bash
# A docker daemon of this checkout only, for the container mode of an organisation and
# ContainerJoinIT. Data, socket, PID file and log live under run/docker/ (git-ignored), so a
# system dockerd (if any) is never touched; "stop" stops only the PID this script started.
# No bridge and no iptables rules: every container runs with --network host on the loopback
# address of its organisation.
#
#   scripts/dockerd.sh start    install docker.io (+ debootstrap) with apt if missing, start
#   scripts/dockerd.sh stop     stop the daemon started by "start" (by its PID file)
#   scripts/dockerd.sh status   running or not; prints the DOCKER_HOST to use
#   scripts/dockerd.sh env      prints "export DOCKER_HOST=unix://…" for eval
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${FAPIAO_DOCKER_DIR:-$ROOT/run/docker}"
SOCK="$DIR/docker.sock"
PID_FILE="$DIR/dockerd.pid"
LOG="$DIR/dockerd.log"
export DOCKER_HOST="unix://$SOCK"

say() { printf '[dockerd] %s\n' "$*"; }
die() { printf '[dockerd] error: %s\n' "$*" >&2; exit 1; }

running() { [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  (( ${#missing[@]} )) || return 0
  (( EUID == 0 )) || die "${missing[*]} missing; installing needs root (apt-get install ${missing[*]})"
  say "installing ${missing[*]} (apt-get)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

start() {
  if running; then say "already running (pid $(cat "$PID_FILE")), DOCKER_HOST=$DOCKER_HOST"; return 0; fi
  (( EUID == 0 )) || die "dockerd runs as root; run this as root"
  install_packages
  mkdir -p "$DIR/data" "$DIR/exec"
  rm -f "$SOCK"
  # --bridge=none: no docker0, containers only get --network host (or none);
  # --iptables=false/--ip-masq=false: the host's firewall stays as it is.
  nohup dockerd --data-root "$DIR/data" --exec-root "$DIR/exec" --pidfile "$DIR/dockerd.daemon.pid" \
    -H "$DOCKER_HOST" --bridge=none --iptables=false --ip6tables=false --ip-masq=false --ip-forward=false \
    --userland-proxy=false >>"$LOG" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  local deadline=$(( SECONDS + 60 ))
  until docker info >/dev/null 2>&1; do
    running || die "dockerd exited during start (see ${LOG#$ROOT/})"
    (( SECONDS < deadline )) || die "dockerd did not answer on $SOCK within 60 s (see ${LOG#$ROOT/})"
    sleep 0.5
  done
  say "started (pid $(cat "$PID_FILE")), DOCKER_HOST=$DOCKER_HOST, storage $(docker info -f '{{.Driver}}')"
}

stop() {
  running || { say "not running"; rm -f "$PID_FILE"; return 0; }
  local pid; pid=$(cat "$PID_FILE")
  # containers of this daemon first (its own, nobody else's), then the daemon
  local ids; ids=$(docker ps -q 2>/dev/null || true)
  [[ -z "$ids" ]] || docker stop -t 10 $ids >/dev/null 2>&1 || true
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then say "dockerd (pid $pid) did not stop in 30 s; killing it"; kill -9 "$pid" || true; fi
  rm -f "$PID_FILE"
  say "stopped (pid $pid)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then say "running (pid $(cat "$PID_FILE")), DOCKER_HOST=$DOCKER_HOST"; else say "stopped"; exit 3; fi ;;
  env) echo "export DOCKER_HOST=$DOCKER_HOST" ;;
  *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
