#!/usr/bin/env bash
# `make test`: the Boost.Test suites (ctest: unit, db, flows), then HTTP
# integration tests, the attack suite, faults under load and browser tests
# (node:test; each test file starts and stops its own stack in a temp
# folder), then one summary.
# Runs every suite even when one fails; exits 1 if any failed.
#
#   scripts/test.sh               every suite
#   scripts/test.sh faults ...    only the suites named (`make faults`, `make attacks`)
#
# Environment (scripts/test-asan.sh sets them):
#   TS_BUILD        the build folder whose binaries are tested (default build;
#                   the integration harness and with_mariadb.sh read it too)
#   TS_TEST_OUTPUT  where the logs go (default tests/output)
#   TS_TEST_SUITES  the suites to run (default: every one)
#   TS_QUIET_PGID   a process group (.ci/run's background builds) stopped
#                   (SIGSTOP) while the attacks and faults suites run and
#                   continued after: the timing attacks compare medians to
#                   5 % and the fault tests count what a steady load loses,
#                   and a compiler on the other core, even at the idle
#                   class, moved the timing figures over their bound
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TS_BUILD=$(realpath -m "${TS_BUILD:-build}")
export TS_BUILD
out=${TS_TEST_OUTPUT:-tests/output}
# The suites named on the command line, else TS_TEST_SUITES, else all.
if (($#)); then suites=" $* "; else suites=" ${TS_TEST_SUITES:-unit db flows integration attacks faults browser} "; fi
mkdir -p "$out"
total_pass=0 total_fail=0
summary=()

record() {  # suite passed failed [note]
  total_pass=$((total_pass + $2)); total_fail=$((total_fail + $3))
  summary+=("$(printf '  %-12s %4d passed, %d failed%s' "$1" "$2" "$3" "${4:+  ($4)}")")
}

# Boost.Test suites, one ctest test each (CMakeLists.txt): unit (no
# database), db (lib/ modules against a private MariaDB) and flows (every
# flow's pages in-process against one); db and flows run through
# tests/support/with_mariadb.sh. Each Boost.Test report gives its number of
# test cases ("N test cases out of M passed/failed").
ctest_suite() {  # ctest test name
  local name=$1 log=$out/ctest-$1.log
  [[ $suites == *" $name "* ]] || return 0
  echo
  echo "==> $name tests (ctest -R ^$name\$)"
  ctest --test-dir "$TS_BUILD" -V --no-tests=error -R "^$name\$" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]} cases passed failed
  cases=$(grep -Eo '[0-9]+ test cases? out of [0-9]+ (passed|failed)' "$log")
  passed=$(sed -n 's/^\([0-9]*\) test cases\? out of [0-9]* passed$/\1/p' <<<"$cases" | awk '{s += $1} END {print s + 0}')
  failed=$(sed -n 's/^\([0-9]*\) test cases\? out of [0-9]* failed$/\1/p' <<<"$cases" | awk '{s += $1} END {print s + 0}')
  passed=${passed:-0} failed=${failed:-0}
  ((rc == 0 || failed > 0)) || failed=1  # ctest failed without a failed case (crash, missing binary)
  if ((passed + failed == 0)); then
    record "$name" 0 1 "ctest ran no test (exit $rc)"
  else
    record "$name" "$passed" "$failed"
  fi
}
ctest_suite unit
ctest_suite db
ctest_suite flows

node_suite() {  # name folder
  local name=$1 dir=$2
  [[ $suites == *" $name "* ]] || return 0
  echo
  echo "==> $name tests (node --test $dir/)"
  if ! compgen -G "$dir/*.test.mjs" >/dev/null; then
    record "$name" 0 0 "no test file yet"
    return
  fi
  # TS_SKIP_FILES: test files (basenames) this run leaves out (scripts/test-asan.sh).
  local targets=("$dir/")
  if [[ -n ${TS_SKIP_FILES:-} ]]; then
    targets=()
    for f in "$dir"/*.test.mjs; do
      [[ " $TS_SKIP_FILES " == *" $(basename "$f") "* ]] || targets+=("$f")
    done
    echo "(left out: $TS_SKIP_FILES)"
  fi
  node --test --test-reporter=spec "${targets[@]}" 2>&1 | tee "$out/$name.log"
  local rc=${PIPESTATUS[0]} pass fail
  pass=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$out/$name.log" | tail -1)
  fail=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$out/$name.log" | tail -1)
  pass=${pass:-0} fail=${fail:-0}
  ((rc == 0 || fail > 0)) || fail=1  # the runner failed without a failed test (crash)
  record "$name" "$pass" "$fail"
}
node_suite integration tests/integration
# The attacks (tests/attacks/, also `make attacks`): CSRF, ids, session
# fixation, headers and nginx's statuses, payloads, timing, lockout.
quiet() {  # STOP|CONT: TS_QUIET_PGID's group, when there is one
  [[ -n ${TS_QUIET_PGID:-} ]] && kill -"$1" -- -"$TS_QUIET_PGID" 2>/dev/null
  return 0
}
if [[ $suites == *" attacks "* || $suites == *" faults "* ]]; then
  quiet STOP
  trap 'quiet CONT' EXIT
fi
node_suite attacks tests/attacks
# Faults under a steady load (tests/faults/): processes killed, servers down,
# the outbox refusing rows; each asserts what was lost.
node_suite faults tests/faults
quiet CONT
node_suite browser tests/browser

echo
echo "==> summary (logs in $out/)"
printf '%s\n' "${summary[@]}"
echo "tests: $total_pass passed, $total_fail failed"
((total_fail == 0))
