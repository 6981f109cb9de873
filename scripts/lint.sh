#!/usr/bin/env bash
# `make lint`: clang-tidy 14 (checks in .clang-tidy) and cppcheck 2.10
# (options below) on our code: lib/, handlers/, mailer/, tools/ — not tests,
# not third-party headers. Any finding fails. Reads build/compile_commands.json
# (CMAKE_EXPORT_COMPILE_COMMANDS; configured here when missing), keeping each
# of our source files once (not the generated mains of build/flow_main/) in
# build-lint/compile_commands.json.
#
#   scripts/lint.sh [tidy|cppcheck]    both by default
#
# Environment: LINT_JOBS (default 2).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
jobs=${LINT_JOBS:-2}
what=${1:-all}

if [[ ! -f build/compile_commands.json ]]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || { echo "lint: cmake failed" >&2; exit 1; }
fi
mkdir -p build-lint
/usr/bin/python3 - "$repo" <<'PY' || exit 1
import json, os, sys
repo = sys.argv[1]
entries, seen = [], set()
for e in json.load(open(os.path.join(repo, "build/compile_commands.json"))):
    path = os.path.relpath(os.path.join(e["directory"], e["file"]), repo)
    if path.split("/")[0] in ("lib", "handlers", "mailer", "tools") and path not in seen:
        seen.add(path)
        entries.append(e)
json.dump(entries, open(os.path.join(repo, "build-lint/compile_commands.json"), "w"), indent=1)
print(f"lint: {len(entries)} source files (lib/, handlers/, mailer/, tools/)")
PY

rc=0
start=$SECONDS
if [[ $what == all || $what == tidy ]]; then
  echo "==> clang-tidy ($(clang-tidy-14 --list-checks 2>/dev/null | grep -c '^ ') checks enabled by .clang-tidy), -j$jobs"
  log=$(mktemp)
  run-clang-tidy-14 -quiet -j "$jobs" -p build-lint "$repo/(lib|handlers|mailer|tools)/" 2>&1 |
    sed 's/\x1b\[[0-9;]*m//g' >"$log"
  tidy_rc=${PIPESTATUS[0]}
  # Our findings only (the header filter already drops third-party headers);
  # a header's finding is listed once.
  if grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' "$log" | sort -u | tee "$log.findings" | grep -q .; then
    grep -vE '^[0-9]+ warnings? generated|^Suppressed [0-9]+ warnings|^Use -header-filter|^clang-tidy-14 ' "$log" | head -200
    echo "clang-tidy: $(wc -l <"$log.findings") finding(s)"
    rc=1
  elif ((tidy_rc != 0)); then
    tail -40 "$log"
    echo "clang-tidy: failed (exit $tidy_rc) without a finding listed"
    rc=1
  else
    echo "clang-tidy: clean ($((SECONDS - start)) s)"
  fi
  rm -f "$log" "$log.findings"
fi

if [[ $what == all || $what == cppcheck ]]; then
  t0=$SECONDS
  echo "==> cppcheck $(cppcheck --version | awk '{print $2}')"
  mkdir -p build-lint/cppcheck
  # warning, performance, portability and style; system headers are not
  # analysed (missingIncludeSystem); each inline suppression says why.
  # Disabled: useStlAlgorithm ("consider std::any_of instead of a raw loop"),
  # a style preference; the byte-level validators read better as loops.
  cppcheck --project=build-lint/compile_commands.json --cppcheck-build-dir=build-lint/cppcheck \
    -j "$jobs" --std=c++17 --language=c++ --enable=warning,performance,portability,style \
    --inline-suppr --error-exitcode=1 --quiet \
    --suppress=missingIncludeSystem --suppress=unmatchedSuppression --suppress=useStlAlgorithm \
    -i "$repo/build" --template='{file}:{line}:{column}: {severity}: {message} [{id}]'
  if (($?)); then
    echo "cppcheck: findings above"
    rc=1
  else
    echo "cppcheck: clean ($((SECONDS - t0)) s)"
  fi
fi
echo "lint: $((SECONDS - start)) s"
exit "$rc"
