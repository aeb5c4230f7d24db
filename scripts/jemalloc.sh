#!/usr/bin/env bash
# The allocator of the gateway and node JVMs: jemalloc, as RocksDB recommends. With glibc's malloc
# the gateway's RSS kept growing outside everything the JVM tracks (RocksDB's own allocations,
# freed but held by the allocator: docs/performance.md, "Thirty minutes with the memory budget").
#   scripts/jemalloc.sh install   installs Debian's libjemalloc2 when missing (needs root)
#   scripts/jemalloc.sh path      prints the library to put in LD_PRELOAD, or nothing (then glibc's
#                                 malloc is used); FAPIAO_JEMALLOC=0 also prints nothing
set -euo pipefail
find_lib() {
  local f
  for f in /usr/lib/*-linux-gnu/libjemalloc.so.2 /usr/lib64/libjemalloc.so.2 /usr/lib/libjemalloc.so.2; do
    [[ -f "$f" ]] && { echo "$f"; return 0; }
  done
  return 1
}
case "${1:-}" in
  install)
    find_lib >/dev/null && exit 0
    if [[ $(id -u) != 0 ]]; then
      echo "jemalloc: libjemalloc2 is missing; run as root or: apt-get install -y libjemalloc2 (glibc malloc is used meanwhile)" >&2
      exit 0
    fi
    echo "jemalloc: installing libjemalloc2"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjemalloc2 >/dev/null
    ;;
  path)
    [[ "${FAPIAO_JEMALLOC:-1}" == 0 ]] && exit 0
    find_lib || true
    ;;
  *) echo "usage: scripts/jemalloc.sh install|path" >&2; exit 2 ;;
esac
