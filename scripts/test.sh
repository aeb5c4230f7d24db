#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against the real Fabric network.
# Installs Fabric if missing; the integration tests bring the network up themselves
# (scripts/network.sh up). A network this script found stopped is stopped again at the end.
#   scripts/test.sh              all tests
#   scripts/test.sh -DskipITs    unit tests only
# Extra arguments go to Maven.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/install-fabric.sh
scripts/setup-browser.sh # chromium for the console's browser tests

was_running=0
if scripts/network.sh status 2>/dev/null | grep -q '^enterprise EnterpriseServicesMSP: peer running'; then was_running=1; fi
cleanup() {
  if [[ $was_running == 0 ]]; then scripts/network.sh down >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

mvn -B -ntp verify "$@"
