#!/usr/bin/env bash
# Builds the archive node's JMH micro-benchmarks (node/src/jmh/java, Maven profile -Pjmh) and runs
# them. Arguments go to JMH (e.g. a benchmark regex: scripts/jmh.sh Sm2 -f 1); without arguments:
#   -f 1 -wi 2 -i 3 -r 5s -w 3s -foe true
# Results: JSON in target/bench/jmh.json (repo root, git-ignored), the table on stdout.
# The archive-write benchmark writes (and deletes) archives under target/bench/tmp; ProofBenchmark
# builds a 1,000,000-leaf Merkle log there once and keeps it for later runs (merkle-sm3-1000000).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/target/bench"
mkdir -p "$out"

cd "$root"
echo "jmh: building node with -Pjmh ..." >&2
# process-classes runs the profile's jmh-compile (into node/target/jmh-classes); the class path
# includes the provided-scope jmh-core (default scope of build-classpath: all)
mvn -q -Pjmh -pl node process-classes dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" >&2
# run from a private copy: other builds of node/ (tests, IDEs) must not swap classes under a run
rm -rf "$out/classes" "$out/jmh-classes"
cp -r "$root/node/target/classes" "$out/classes"
cp -r "$root/node/target/jmh-classes" "$out/jmh-classes"
cp="$out/jmh-classes:$out/classes:$(cat "$out/classpath.txt")"

args=("$@")
if [[ ${#args[@]} -eq 0 ]]; then
  args=(-f 1 -wi 2 -i 3 -r 5s -w 3s -foe true)
fi
exec java -cp "$cp" -Dbench.dir="$out/tmp" org.openjdk.jmh.Main \
    -rf json -rff "$out/jmh.json" "${args[@]}"
