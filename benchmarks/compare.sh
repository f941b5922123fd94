#!/usr/bin/env bash
# Side-by-side benchmark of otp4j and Apache Pekko typed: builds the benchmarks jar, then forks one JVM per
# workload and runtime, checks every iteration, and writes the table into docs/benchmarks.md.
#
#   benchmarks/compare.sh quick     1 warm-up + 3 iterations per JVM (5-7 minutes on 2 cores)
#   benchmarks/compare.sh full      3 warm-ups + 5 iterations (memory: 1 + 3; about 8-10 minutes)
#
# Options after the profile: --workloads pingpong,ask  --runtimes otp4j  --no-doc  --doc FILE
#   --jvm-arg ARG (repeatable, e.g. for JFR)  --no-build (use the jar as it is, e.g. when the module does
#   not compile against the core in ~/.m2).
# A run restricted with --workloads or --runtimes leaves docs/benchmarks.md alone unless --doc is given.
# Raw JSON lines: benchmarks/target/compare-<profile>.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
args=()
for a in "$@"; do
  if [ "$a" = "--no-build" ]; then build=0; else args+=("$a"); fi
done

if [ "$build" = 1 ]; then
  ./otp4j mvn -B -q install -pl benchmarks -am -DskipTests
fi

# The JDK that ./otp4j picks for Maven (21 or newer), unless JAVA is set.
if [ -z "${JAVA:-}" ]; then
  home=$(./otp4j mvn -v 2>/dev/null | sed -e 's/\x1b\[[0-9;]*m//g' \
         | sed -n -e 's/^Java home: //p' -e 's/^Java version: .*, runtime: //p' | head -n 1)
  JAVA="$home/bin/java"
fi
[ -x "$JAVA" ] || { echo "no java found; set JAVA to a JDK 21+ java binary" >&2; exit 1; }

exec "$JAVA" -Xmx256m -Dcompare.command="benchmarks/compare.sh $*" \
  -cp benchmarks/target/benchmarks.jar io.otp4j.benchmarks.compare.Compare "${args[@]}"
