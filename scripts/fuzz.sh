#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets of tests/fuzz/ into build-fuzz/
# (clang 14, -fsanitize=fuzzer,address,undefined) and runs each for a bounded
# time, starting from its committed seeds (tests/fuzz/corpus/<name>/, which are
# replayed first: a seed that fails is a regression).
#
#   scripts/fuzz.sh [name...]          every target (tests/fuzz/fuzz_*.cpp) or those named
#
# Environment:
#   FUZZ_SECONDS        seconds per target (default: FUZZ_TOTAL_SECONDS / number of targets)
#   FUZZ_TOTAL_SECONDS  the budget of the whole run when FUZZ_SECONDS is unset (default 120: CI)
#   FUZZ_JOBS           build parallelism (default 2)
#
# New inputs libFuzzer finds go to a scratch copy of the corpus, never into the
# repository. A failure leaves its reproducer in tests/output/fuzz/<name>/
# (crash-*, timeout-*, leak-*, oom-*) and the log next to it; the script exits 1.
# One summary line per target: executions, corpus size before and after.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)

say() { echo "fuzz.sh: $*" >&2; }

if (($#)); then
  targets=("$@")
else
  targets=()
  for f in tests/fuzz/fuzz_*.cpp; do
    n=${f##*/fuzz_}
    targets+=("${n%.cpp}")
  done
fi
((${#targets[@]})) || { say "no target"; exit 1; }
total=${FUZZ_TOTAL_SECONDS:-120}
seconds=${FUZZ_SECONDS:-$((total / ${#targets[@]}))}
((seconds >= 1)) || seconds=1

cxx=$(command -v clang++-14 || command -v clang++) || { say "clang++ (14) not found: scripts/deps.sh installs it"; exit 1; }
cc=$(command -v clang-14 || command -v clang)
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
echo "==> building the fuzz targets into build-fuzz/ ($cxx)"
cmake -S . -B build-fuzz -DTS_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >build-fuzz.log 2>&1 ||
  { cat build-fuzz.log >&2; say "cmake failed"; exit 1; }
targets_to_build=()
for t in "${targets[@]}"; do targets_to_build+=(--target "fuzz_$t"); done
cmake --build build-fuzz -j"${FUZZ_JOBS:-2}" "${targets_to_build[@]}" -- --no-print-directory >>build-fuzz.log 2>&1 ||
  { tail -50 build-fuzz.log >&2; say "build failed (build-fuzz.log)"; exit 1; }
rm -f build-fuzz.log

out=$repo/tests/output/fuzz
mkdir -p "$out"
failed=0
summary=()
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in "${targets[@]}"; do
  bin=build-fuzz/fuzz_$t seeds=tests/fuzz/corpus/$t
  [[ -x $bin ]] || { say "no $bin"; failed=1; continue; }
  [[ -d $seeds ]] || { say "no seed folder $seeds"; failed=1; continue; }
  work=$(mktemp -d /tmp/ts-fuzz-"$t".XXXXXX)
  cp "$seeds"/* "$work"/
  before=$(find "$seeds" -type f | wc -l)
  rm -rf "${out:?}/$t"
  mkdir -p "$out/$t"
  echo
  echo "==> fuzz_$t: $before seeds, ${seconds}s"
  "$bin" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/$t/" "$work" >"$out/$t/fuzz.log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t/fuzz.log" | tail -1)
  after=$(find "$work" -type f | wc -l)
  rm -rf "$work"
  if ((rc != 0)); then
    failed=1
    tail -60 "$out/$t/fuzz.log"
    summary+=("$(printf '  %-12s FAILED (exit %d): reproducer and log in %s' "$t" "$rc" "tests/output/fuzz/$t/")")
  else
    summary+=("$(printf '  %-12s %9s executions in %ds, corpus %d seeds -> %d' "$t" "${execs:-?}" "$seconds" "$before" "$after")")
  fi
done
echo
echo "==> fuzz summary"
printf '%s\n' "${summary[@]}"
((failed == 0)) && echo "fuzz: ${#targets[@]} targets, no finding" || echo "fuzz: FAILED"
exit "$failed"
