#!/usr/bin/env bash
# Builds the project's container images locally (no registry is reachable or used):
#   fapiao/base:bookworm   Debian bookworm minbase + openjdk-17-jre-headless + libjemalloc2, by debootstrap
#                          from the Debian mirror apt already uses, then "docker import"
#   fapiao/peer:local, fapiao/orderer:local   Fabric binaries of .fabric/bin (install-fabric.sh)
#   fapiao/chaincode:local  chaincode/target/fapiao-chaincode.jar (one server per organisation)
#   fapiao/node:local       node/target/invoice-node.jar + gateway-api/target/fapiao-gateway.jar
# Dockerfiles: network/images/<name>/. Each image carries the label fapiao.inputs, a hash of
# everything it is made of; an image whose inputs did not change is kept (a second run is fast).
# Needs a running daemon: scripts/dockerd.sh start (DOCKER_HOST is taken from it).
#   scripts/images.sh [base|peer|orderer|chaincode|node]...   (default: all)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
eval "$("$ROOT/scripts/dockerd.sh" env)"
STAGE="$ROOT/run/images"
BASE=fapiao/base:bookworm
SUITE=bookworm
# openjdk-17-jre-headless from the same mirror (not a copy of the host's JDK): see docs/decisions.md
BASE_PACKAGES=openjdk-17-jre-headless,ca-certificates,libjemalloc2
export DOCKER_BUILDKIT=0 # the classic builder needs no buildx plugin and never pulls a local FROM

say() { printf '[images] %s\n' "$*"; }
die() { printf '[images] error: %s\n' "$*" >&2; exit 1; }

docker info >/dev/null 2>&1 || die "no docker daemon on $DOCKER_HOST (scripts/dockerd.sh start)"

label_of() { docker image inspect -f '{{index .Config.Labels "fapiao.inputs"}}' "$1" 2>/dev/null || true; }

# The Debian mirror of apt's own sources (deb822 .sources or one-line sources.list).
debian_mirror() {
  local uri
  uri=$(awk '/^URIs:/ {u=$2} /^Suites:/ && u ~ /debian\/?$/ && $0 ~ /(^| )'"$SUITE"'( |$)/ {print u; exit}' \
    /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  if [[ -z "$uri" && -f /etc/apt/sources.list ]]; then
    uri=$(awk '$1 == "deb" && $3 == "'"$SUITE"'" {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' \
      /etc/apt/sources.list)
  fi
  [[ -n "$uri" ]] || die "no Debian $SUITE mirror in /etc/apt/sources.list(.d)"
  echo "$uri"
}

build_base() {
  local mirror inputs t0=$SECONDS
  mirror=$(debian_mirror)
  inputs=$(printf '%s\n' "$SUITE" "$mirror" "$BASE_PACKAGES" minbase | sha256sum | cut -c1-16)
  if [[ "$(label_of "$BASE")" == "$inputs" ]]; then say "$BASE up to date ($inputs)"; return 0; fi
  command -v debootstrap >/dev/null || die "debootstrap missing (scripts/dockerd.sh start installs it)"
  local dir="$STAGE/rootfs"
  rm -rf "$dir"; mkdir -p "$dir"
  say "debootstrap --variant=minbase $SUITE from $mirror (+ $BASE_PACKAGES)"
  debootstrap --variant=minbase --include="$BASE_PACKAGES" "$SUITE" "$dir" "$mirror" >"$STAGE/debootstrap.log" 2>&1 \
    || die "debootstrap failed (see ${STAGE#$ROOT/}/debootstrap.log)"
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -c . | docker import --change "LABEL fapiao.inputs=$inputs" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' - "$BASE" >/dev/null
  rm -rf "$dir"
  say "$BASE built in $(( SECONDS - t0 )) s ($(docker image inspect -f '{{.Size}}' "$BASE" | numfmt --to=iec))"
}

# sha256 of a file, remembered by path, size and modification time (jars are large; hashing
# them on every run made a run with nothing to do take seconds on a loaded machine).
file_hash() { # file
  local key h cache="$STAGE/hashes"
  key="$(stat -L -c '%s %Y' "$1") $1"
  h=$(awk -v k="$key" '{ h = $1; sub(/^[^ ]+ /, ""); if ($0 == k) { print h; exit } }' "$cache" 2>/dev/null || true)
  if [[ -z "$h" ]]; then
    h=$(sha256sum "$1" | cut -d' ' -f1)
    echo "$h $key" >>"$cache"
  fi
  echo "$h"
}

# Builds image NAME from network/images/NAME and the files listed when the hash of those
# inputs and of the base image's id differs from the image's label; stages the context only then.
build_project() { # name file...
  local name=$1 ctx="$STAGE/$1" image="fapiao/$1:local" t0=$SECONDS f inputs; shift
  docker image inspect "$BASE" >/dev/null 2>&1 || build_base
  for f in "$@"; do
    [[ -e "$f" ]] || die "$image needs ${f#$ROOT/} (build it first: see the header of this script)"
  done
  inputs=$( (docker image inspect -f '{{.Id}}' "$BASE"
    for f in "$ROOT/network/images/$name" "$@"; do
      find -L "$f" -type f -print0 | sort -z | while IFS= read -r -d '' g; do echo "${g#"$(dirname "$f")"/} $(file_hash "$g")"; done
    done) | sha256sum | cut -c1-16)
  if [[ "$(label_of "$image")" == "$inputs" ]]; then say "$image up to date ($inputs)"; return 0; fi
  rm -rf "$ctx"; mkdir -p "$ctx"
  cp -R "$ROOT/network/images/$name/." "$ctx/"
  for f in "$@"; do cp -RL "$f" "$ctx/"; done
  docker build -q --label "fapiao.inputs=$inputs" ${BUILD_ARGS[@]+"${BUILD_ARGS[@]}"} -t "$image" "$ctx" \
    >"$STAGE/$name.build.log" 2>&1 || die "docker build of $image failed (see ${STAGE#$ROOT/}/$name.build.log)"
  rm -rf "$ctx"
  say "$image built in $(( SECONDS - t0 )) s"
}

ensure_jars() { # jar...   builds the modules when one is missing
  local j
  for j in "$@"; do
    [[ -f "$j" ]] && continue
    say "building the jars (mvn package -DskipTests)"
    (cd "$ROOT" && mvn -q -B -ntp package -DskipTests) || die "mvn package failed"
    return 0
  done
}

build() {
  local fabric="$ROOT/.fabric/bin" jar BUILD_ARGS=()
  case $1 in
    base) build_base ;;
    peer)
      [[ -x "$fabric/peer" ]] || "$ROOT/scripts/install-fabric.sh"
      build_project peer "$fabric/peer" "$ROOT/network/core.yaml" "$ROOT/network/builders" ;;
    orderer)
      [[ -x "$fabric/orderer" ]] || "$ROOT/scripts/install-fabric.sh"
      build_project orderer "$fabric/orderer" "$ROOT/network/orderer.yaml" ;;
    chaincode)
      jar="$ROOT/chaincode/target/fapiao-chaincode.jar"
      ensure_jars "$jar"
      # the chaincode version of scripts/network.sh is the jar's hash: it can check the image
      BUILD_ARGS=(--label "fapiao.chaincode=$(sha256sum "$jar" | cut -c1-12)")
      build_project chaincode "$jar" ;;
    node)
      ensure_jars "$ROOT/node/target/invoice-node.jar" "$ROOT/gateway-api/target/fapiao-gateway.jar"
      build_project node "$ROOT/node/target/invoice-node.jar" "$ROOT/gateway-api/target/fapiao-gateway.jar" ;;
    *) die "unknown image $1 (base, peer, orderer, chaincode, node)" ;;
  esac
}

mkdir -p "$STAGE"
t_all=$SECONDS
targets=("$@")
(( ${#targets[@]} )) || targets=(base peer orderer chaincode node)
for t in "${targets[@]}"; do build "$t"; done
say "done in $(( SECONDS - t_all )) s"
