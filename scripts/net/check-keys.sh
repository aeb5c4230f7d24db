#!/usr/bin/env bash
# Checks that every private key under RUN_DIR/orgs/<org> belongs to that organisation
# alone and that RUN_DIR/shared (what organisations exchange) holds none.
#   scripts/net/check-keys.sh RUN_DIR      exit 0 when separated, 1 with one line per breach
# A key is identified by its public key, so a copy under another name is still found.
# PEM files, and PEM blocks inside JSON (chaincode connection.json), are both read.
set -euo pipefail
run=${1:?usage: check-keys.sh RUN_DIR}
[[ -d "$run/orgs" ]] || { echo "check-keys: no $run/orgs" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fingerprints() { # folder -> "fingerprint path" lines for every private key found in it
  local f p fp
  { grep -rlZ -e 'PRIVATE KEY-----' "$1" 2>/dev/null || true; } | while IFS= read -r -d '' f; do
    rm -f "$tmp"/k.*.pem
    # JSON strings carry the PEM with \n escapes; unescape, then split into PEM blocks
    sed 's/\\n/\n/g' "$f" | awk -v d="$tmp/k" '
      /-----BEGIN .*PRIVATE KEY-----/ {k++; out=d "." k ".pem"; sub(/^.*-----BEGIN/, "-----BEGIN")}
      out {print > out}
      /-----END .*PRIVATE KEY-----/ {close(out); out=""}'
    for p in "$tmp"/k.*.pem; do
      [[ -f "$p" ]] || continue
      fp=$(openssl pkey -in "$p" -pubout 2>/dev/null | sha256sum | cut -c1-16)
      echo "$fp $f"
    done
  done
}

status=0
: >"$tmp/all"
for d in "$run"/orgs/*/; do
  org=$(basename "$d")
  fingerprints "$d" | sed "s|^|$org |" >>"$tmp/all"
done
# a fingerprint seen under two organisations is a breach
awk '{print $2, $1}' "$tmp/all" | sort -u | awk '{c[$1]++; o[$1]=o[$1] " " $2} END {for (k in c) if (c[k] > 1) print k, o[k]}' \
  | while read -r fp owners; do echo "check-keys: private key $fp is held by organisations: $owners"; done >"$tmp/breach"
if [[ -d "$run/shared" ]]; then
  fingerprints "$run/shared" | while read -r fp f; do echo "check-keys: private key $fp in the shared folder: $f"; done >>"$tmp/breach"
fi
if [[ -s "$tmp/breach" ]]; then cat "$tmp/breach"; status=1
else echo "check-keys: $(wc -l <"$tmp/all") private keys, each held by one organisation only; none shared"; fi
exit $status
