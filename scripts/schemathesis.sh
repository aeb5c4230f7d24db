#!/usr/bin/env bash
# Contract fuzzing of a running gateway with schemathesis (PyPI, pinned), against the gateway's own
# /openapi.yaml: every operation, all phases (examples, coverage, fuzzing, stateful via the
# contract's links), every check (no 5xx, status codes, content types, headers, response schemas,
# negative data refused, positive data accepted, unsupported methods answered 405 with Allow, auth
# not ignored, ...). Each operation runs with the token of the role that may call it
# (scripts/schemathesis.toml). Installs schemathesis into run/schemathesis-venv on first use.
# Called by SchemathesisIT (Failsafe) with a gateway it started on the real network.
#
# A second pass runs the enterprise's operations with an enterprise token (scripts/schemathesis-enterprise.toml).
#
#   scripts/schemathesis.sh BASE_URL CA_CERT AUDITOR_TOKEN OPERATOR_TOKEN ENTERPRISE_TOKEN [REPORT_DIR]
#   e.g. scripts/schemathesis.sh https://127.0.0.1:8443 data/gateway/tls/cert.pem "$AUD" "$OPS" "$ENT"
# FAPIAO_SCHEMATHESIS_MAX_EXAMPLES (default 60) cases per operation and phase; FAPIAO_SCHEMATHESIS_SEED (default 1).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION=4.32.5
VENV="${FAPIAO_SCHEMATHESIS_VENV:-$ROOT/run/schemathesis-venv}"
BASE="${1:?base URL}"
CA="${2:?CA certificate of the gateway}"
export FAPIAO_ST_AUDITOR_TOKEN="${3:?auditor token}"
export FAPIAO_ST_OPERATOR_TOKEN="${4:?operator token}"
export FAPIAO_ST_ENTERPRISE_TOKEN="${5:?enterprise token}"
REPORT="${6:-$ROOT/run/schemathesis}"
MAX="${FAPIAO_SCHEMATHESIS_MAX_EXAMPLES:-60}"
SEED="${FAPIAO_SCHEMATHESIS_SEED:-1}"

if [[ "$("$VENV/bin/schemathesis" --version 2>/dev/null || true)" != *"$VERSION"* ]]; then
  echo "installing schemathesis $VERSION from PyPI into ${VENV#$ROOT/}"
  command -v python3 >/dev/null || { echo "schemathesis.sh: python3 is required" >&2; exit 1; }
  rm -rf "$VENV"
  if ! python3 -m venv "$VENV" 2>/dev/null; then
    # Debian/Ubuntu ship venv separately; the test command runs as root (README, Prerequisites)
    if [[ $EUID == 0 ]] && command -v apt-get >/dev/null; then
      apt-get install -y -q python3-venv >/dev/null
    fi
    rm -rf "$VENV"
    python3 -m venv "$VENV" || { echo "schemathesis.sh: python3 -m venv failed (apt-get install python3-venv)" >&2; exit 1; }
  fi
  "$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$VERSION"
fi
mkdir -p "$REPORT"
cd "$REPORT" # schemathesis keeps its cache (.schemathesis/) in the working directory
echo "schemathesis $VERSION: seed $SEED, at most $MAX examples per operation, all checks, phases examples,coverage,fuzzing,stateful"
SPEC="${FAPIAO_SCHEMATHESIS_SPEC:-$BASE/openapi.yaml}"
run() { # CONFIG REPORT_NAME [filters...]
  local config="$1" name="$2"
  shift 2
  "$VENV/bin/schemathesis" --config-file "$ROOT/scripts/$config" run "$SPEC" --url "$BASE" \
    --tls-verify "$CA" --checks all --phases examples,coverage,fuzzing,stateful \
    --max-examples "$MAX" --seed "$SEED" --generation-database none --no-color --workers 1 \
    --report junit --report-junit-path "$REPORT/$name.xml" "$@"
}
status=0
echo "== pass 1: every operation, as the auditor (the operator where only it may act)"
run schemathesis.toml auditor-operator || status=$?
echo "== pass 2: the enterprise's operations, as an enterprise of one credit code"
run schemathesis-enterprise.toml enterprise --include-path-regex '^/v1/(invoices(:batch)?|invoices/[^/]+(/.*)?|signers/[^/]+)$' \
  --exclude-name 'GET /v1/invoices' || status=$?
exit "$status"
