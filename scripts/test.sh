#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against the real Fabric network.
# Installs Fabric if missing; the integration tests bring the network up themselves
# (scripts/network.sh up). A network this script found stopped is stopped again at the end;
# so is the docker daemon (scripts/dockerd.sh) it starts for the container test.
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
docker_started=0
cleanup() {
  if [[ $was_running == 0 ]]; then scripts/network.sh down >/dev/null 2>&1 || true; fi
  if [[ $docker_started == 1 ]]; then scripts/dockerd.sh stop || true; fi
}
trap cleanup EXIT

# ContainerJoinIT runs the joining organisation's peer and archive node as containers: this
# checkout's own dockerd (run/docker) and the local images, built from the jars first.
if [[ " $* " != *" -DskipITs"* ]]; then
  scripts/dockerd.sh status >/dev/null 2>&1 || { scripts/dockerd.sh start; docker_started=1; }
  mvn -B -ntp -q package -DskipTests
  scripts/images.sh
fi

mvn -B -ntp verify "$@"
