#!/usr/bin/env bash
# `make test-asan`: the unit, db and flows suites (ctest) and the HTTP
# integration suite (node --test tests/integration/, whose stacks run these
# binaries: handlers under spawn-fcgi, the mail worker, teleservices-admin)
# built with gcc's AddressSanitizer and UndefinedBehaviorSanitizer in
# build-asan/ (scripts/asan-build.sh). The browser suite is left out (time;
# it drives the same handlers as the integration suite).
#
# No report is lost: every sanitized process, including handlers whose
# stderr spawn-fcgi discards, writes its report into one folder
# (ASAN_OPTIONS/UBSAN_OPTIONS log_path, the environment reaching every
# process the stacks start) and aborts; at the end any report file there
# fails the run and is printed (tests/integration/asan_reports.test.mjs
# checks that a handler's report does get there).
#
# LeakSanitizer is on (detect_leaks=1) for every process that exits normally:
# the test binaries, teleservices-admin, the mail worker (it exits on
# SIGTERM). Handlers end by SIGTERM with the default action (lib/web/app.cpp)
# and so are not leak-checked; the db and flows suites run the same page
# code in-process and are. Third-party library state that is never freed
# before exit is suppressed in tests/support/lsan.supp (today: fontconfig,
# held by pango's font map since the letter PDF), never a stack in our code;
# ctemplate's template cache, Connector/C++ and GMime keep their state
# reachable from globals and need none.
#
# Environment: TS_TEST_SUITES (default "unit db flows integration").
#
# Left out of the integration suite here (TS_SKIP_FILES, default below; set
# it empty to run them all): the files that run no C++ of their own (source
# layout, generated lists, the production nginx file) and the page-by-page
# files whose handler code the flows suite already runs in-process under the
# sanitizers (families, html, compte, recuperation, regroupement; and, since
# issue 13, suivi, courriers and aide: the flows suite runs their pages, the
# unit suite the letter PDF). They still
# run in `make test`. This keeps CI (.ci/run) within its 30 minutes since the
# staff side (issue 12) grew every suite; the files kept drive every binary
# through FastCGI (smoke, first_connection, lockout, twins, staff, import: the
# multipart uploads through cgicc), the mail
# worker and teleservices-admin, and asan_reports checks reports arrive.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)

asan_skip="layout.test.mjs flows_list.test.mjs production_conf.test.mjs families.test.mjs html.test.mjs compte.test.mjs recuperation.test.mjs regroupement.test.mjs suivi.test.mjs courriers.test.mjs aide.test.mjs"

start=$SECONDS
echo "==> building build-asan/ (gcc, -fsanitize=address,undefined)"
bash scripts/asan-build.sh || { echo "test-asan: build failed" >&2; exit 1; }
built=$SECONDS

reports=$(mktemp -d /tmp/ts-asan-reports.XXXXXX)
chmod 1777 "$reports"  # handlers run as www-data
export ASAN_OPTIONS="log_path=$reports/asan:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:detect_invalid_pointer_pairs=0"
export LSAN_OPTIONS="suppressions=$repo/tests/support/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="log_path=$reports/ubsan:print_stacktrace=1:halt_on_error=1"

TS_BUILD=$repo/build-asan TS_TEST_OUTPUT=tests/output/asan \
  TS_SKIP_FILES=${TS_SKIP_FILES-$asan_skip} TS_TEST_SUITES=${TS_TEST_SUITES:-unit db flows integration} bash scripts/test.sh
rc=$?

echo
echo "==> sanitizer reports ($reports)"
shopt -s nullglob
files=("$reports"/*)
if ((${#files[@]})); then
  mkdir -p tests/output/asan/reports
  for f in "${files[@]}"; do
    echo "---- ${f##*/}"
    cat "$f"
    cp "$f" tests/output/asan/reports/
  done
  echo "test-asan: ${#files[@]} sanitizer report(s) (copied to tests/output/asan/reports/)"
  rc=1
else
  echo "none"
fi
rm -rf "$reports"
echo "test-asan: build $((built - start)) s, tests $((SECONDS - built)) s, total $((SECONDS - start)) s"
exit "$rc"
