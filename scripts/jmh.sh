#!/usr/bin/env bash
# Builds the JMH micro-benchmarks of the archive node (node/src/jmh/java, profile -Pjmh), of the gateway
# (gateway-api/src/jmh/java: the submission path, -Pjmh-gateway) and of the chaincode (chaincode/src/jmh/java:
# its seal verification, -Pjmh-chaincode), and runs them. Arguments go to JMH (e.g. a benchmark regex:
# scripts/jmh.sh Sm2 -f 1); without arguments:
#   -f 1 -wi 2 -i 3 -r 5s -w 3s -foe true
#   scripts/jmh.sh --main dev.fapiao.gateway.SubmissionPathCpu 7 500   # CPU-time figures of the submission path
#   scripts/jmh.sh --main dev.fapiao.chaincode.bench.SealVerifyCpu 7 500  # and of the chaincode's seal verification
# Results: JSON in target/bench/jmh.json (repo root, git-ignored), the table on stdout.
# The archive-write benchmark writes (and deletes) archives under target/bench/tmp; ProofBenchmark
# builds a 1,000,000-leaf Merkle log there once and keeps it for later runs (merkle-sm3-1000000).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/target/bench"
mkdir -p "$out"

cd "$root"
echo "jmh: building node and gateway-api with -Pjmh ..." >&2
# process-classes runs each profile's jmh-compile (into */target/jmh-classes); the class paths include the
# provided-scope jmh-core (default scope of build-classpath: all). Two runs: in one reactor node's jmh-compile
# would stand in for node's classes; the gateway's run goes to test-compile, it names node's test classes.
mvn -q -Pjmh -pl node process-classes dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" >&2
mvn -q -Pjmh-gateway -pl node,gateway-api test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/jmh-gateway-classpath.txt >&2
mvn -q -Pjmh-chaincode -pl chaincode process-classes dependency:build-classpath -Dmdep.outputFile="$out/classpath-chaincode.txt" >&2
# run from a private copy: other builds of node/ (tests, IDEs) must not swap classes under a run
rm -rf "$out/classes" "$out/jmh-classes" "$out/gateway-classes" "$out/gateway-jmh-classes" "$out/chaincode-classes" \
    "$out/chaincode-jmh-classes"
cp -r "$root/node/target/classes" "$out/classes"
cp -r "$root/node/target/jmh-classes" "$out/jmh-classes"
cp -r "$root/gateway-api/target/classes" "$out/gateway-classes"
cp -r "$root/gateway-api/target/jmh-classes" "$out/gateway-jmh-classes"
cp -r "$root/chaincode/target/classes" "$out/chaincode-classes"
cp -r "$root/chaincode/target/jmh-classes" "$out/chaincode-jmh-classes"
# one JMH run over both modules: JMH reads the first META-INF/BenchmarkList on the class path only, so
# both lists are merged into one that comes first; the gateway's class path without node/target/classes
# (the private copy above stands in for it)
rm -rf "$out/jmh-lists" && mkdir -p "$out/jmh-lists/META-INF"
for f in BenchmarkList CompilerHints; do
  cat "$out"/{,gateway-,chaincode-}jmh-classes/META-INF/$f >"$out/jmh-lists/META-INF/$f" 2>/dev/null || true
done
gw_cp="$(tr ':' '\n' <"$root/gateway-api/target/jmh-gateway-classpath.txt" | grep -v '/node/target/\(test-\)\?classes$' | paste -sd: -)"
cp="$out/jmh-lists:$out/jmh-classes:$out/gateway-jmh-classes:$out/classes:$out/gateway-classes:$(cat "$out/classpath.txt"):$gw_cp"
# the chaincode's (its own packages; last, so the node's versions of shared libraries win)
cp="$cp:$out/chaincode-jmh-classes:$out/chaincode-classes:$(cat "$out/classpath-chaincode.txt")"

# --main CLASS ARGS...: run a plain main on the same class path instead (e.g. the CPU-time harness
# dev.fapiao.gateway.SubmissionPathCpu, for a machine too loaded for wall-clock figures)
if [[ "${1:-}" == --main ]]; then
  shift
  exec java -cp "$cp" "$@"
fi
args=("$@")
if [[ ${#args[@]} -eq 0 ]]; then
  args=(-f 1 -wi 2 -i 3 -r 5s -w 3s -foe true)
fi
exec java -cp "$cp" -Dbench.dir="$out/tmp" org.openjdk.jmh.Main \
    -rf json -rff "$out/jmh.json" "${args[@]}"
