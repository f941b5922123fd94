#!/usr/bin/env bash
# Builds core's jcstress tests (core/src/jcstress) and runs them. Exits non-zero if any outcome marked
# FORBIDDEN was seen, or a test failed to run.
#   scripts/jcstress.sh short            one JVM configuration, one short iteration per test (CI; ~3 min on 2 cores)
#   scripts/jcstress.sh long             jcstress' default mode: every JVM configuration (interpreter, C1, C2,
#                                        split compilation), several iterations; an hour or more on 2 cores
#   scripts/jcstress.sh short -t Parking extra arguments go to jcstress, e.g. a test selector (-t regexp)
# The report is written to core/target/jcstress-report/index.html.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-short}"
shift || true
case "$mode" in
  short) preset=(-m quick -f 1 -iters 1 -time 500 -sc false -jvmArgs "--enable-native-access=ALL-UNNAMED -XX:+UseParallelGC") ;;
  long) preset=(-m default -jvmArgsPrepend "--enable-native-access=ALL-UNNAMED") ;;
  *) echo "usage: scripts/jcstress.sh [short|long] [jcstress arguments]" >&2; exit 2 ;;
esac

java_major() { # prints the major version of the java binary $1, or 0
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1)
  echo "${v:-0}" | cut -d. -f1
}

# the newest JDK 21+ around, as ./otp4j picks it
java_bin=""
best=0
for home in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [ -n "$home" ] && [ -x "$home/bin/java" ] || continue
  v=$(java_major "$home/bin/java")
  if [ "$v" -ge 21 ] && [ "$v" -gt "$best" ]; then java_bin="$home/bin/java"; best="$v"; fi
done
if [ -z "$java_bin" ]; then
  echo "jcstress.sh needs a JDK 21 or newer; set JAVA_HOME to one" >&2
  exit 1
fi

# the classes only: no Javadoc or sources jar, which the proofs do not need
./otp4j mvn -B -q -Dstyle.color=never -pl core -Pjcstress package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip

run_dir=core/target/jcstress-run
report=core/target/jcstress-report
rm -rf "$run_dir" "$report"
mkdir -p "$run_dir"
log="$run_dir/output.txt"
status=0
# jcstress writes its result blob to the working directory
(cd "$run_dir" && "$java_bin" --enable-native-access=ALL-UNNAMED -jar ../jcstress.jar "${preset[@]}" -r ../jcstress-report "$@") \
  | tee "$log" || status=$?

# jcstress' own exit code has not always reflected failures: the summary decides
if grep -q "Failed tests: No matches" "$log" && grep -q "Error tests: No matches" "$log" && [ "$status" -eq 0 ]; then
  echo "jcstress: no forbidden outcome; report in $report/index.html"
else
  echo "jcstress: FAILED (forbidden outcomes or errors); report in $report/index.html" >&2
  exit 1
fi
