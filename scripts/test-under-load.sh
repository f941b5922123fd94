#!/usr/bin/env bash
# Runs the test suite on a busy machine: starts busy-loop processes (2 per core by default), then runs the
# suite several times in a row while they spin, as on a shared CI runner or a laptop busy with other work.
# Stops at the first failed run; the busy loops are killed on any exit.
#
#   scripts/test-under-load.sh                     ./otp4j test, 3 runs, 2 busy loops per core
#   scripts/test-under-load.sh --runs 1 --busy 8   one run beside 8 busy loops
#   scripts/test-under-load.sh -- ./otp4j mvn -B -o -pl core,testkit -am test    any other command
#
# Prints the wall-clock time of each run and a summary line; exits with the first failing run's status.
set -euo pipefail
cd "$(dirname "$0")/.."

cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
runs=3
busy=$((2 * cores))
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --busy) busy="$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || set -- ./otp4j test

busy_pids=()
stop_busy() {
  if [ ${#busy_pids[@]} -gt 0 ]; then
    kill "${busy_pids[@]}" 2>/dev/null || true
    wait "${busy_pids[@]}" 2>/dev/null || true
    busy_pids=()
  fi
}
trap stop_busy EXIT
trap 'exit 130' INT TERM

for ((i = 0; i < busy; i++)); do
  # a pure CPU spinner in its own shell, so each one is a process the scheduler must share the cores with
  bash -c 'while :; do :; done' &
  busy_pids+=("$!")
done
echo "test-under-load: $busy busy loops on $cores cores; $runs runs of: $*"

times=()
for ((run = 1; run <= runs; run++)); do
  start=$(date +%s)
  status=0
  "$@" || status=$?
  took=$(($(date +%s) - start))
  times+=("${took}s")
  if [ "$status" -ne 0 ]; then
    echo "test-under-load: run $run of $runs FAILED (exit $status) after ${took}s; times: ${times[*]}" >&2
    exit "$status"
  fi
  echo "test-under-load: run $run of $runs passed in ${took}s"
done
echo "test-under-load: all $runs runs passed beside $busy busy loops on $cores cores; times: ${times[*]}"
