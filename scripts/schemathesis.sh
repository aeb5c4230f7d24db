#!/usr/bin/env bash
# Contract fuzzing of a running gateway with schemathesis (PyPI, pinned), against the gateway's own
# /openapi.yaml: every operation, positive and negative cases, all checks (no 5xx, status codes,
# content types, response schemas, headers). Installs schemathesis into run/schemathesis-venv on
# first use. Called by SchemathesisIT (Failsafe) with a gateway it started on the real network.
#
#   scripts/schemathesis.sh BASE_URL CA_CERT TOKEN [REPORT_DIR]
#   e.g. scripts/schemathesis.sh https://127.0.0.1:8443 data/gateway/tls/cert.pem "$AUD_TOKEN"
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION=4.32.5
VENV="${FAPIAO_SCHEMATHESIS_VENV:-$ROOT/run/schemathesis-venv}"
BASE="${1:?base URL}"
CA="${2:?CA certificate of the gateway}"
TOKEN="${3:?bearer token}"
REPORT="${4:-$ROOT/run/schemathesis}"
MAX="${FAPIAO_SCHEMATHESIS_MAX_EXAMPLES:-25}"

if [[ "$("$VENV/bin/schemathesis" --version 2>/dev/null || true)" != *"$VERSION"* ]]; then
  echo "installing schemathesis $VERSION into ${VENV#$ROOT/}"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$VERSION"
fi
mkdir -p "$REPORT"
exec "$VENV/bin/schemathesis" run "$BASE/openapi.yaml" --url "$BASE" \
  --header "Authorization: Bearer $TOKEN" --tls-verify "$CA" \
  --checks all --max-examples "$MAX" --seed 1 --no-color \
  --report junit --report-dir "$REPORT"
