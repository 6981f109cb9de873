# Sourced by the bench scripts: a private stack in a temp folder, stopped (and
# its logged errors printed) when the script exits. Before sourcing, set
# `bench_name` and `bench_port`; optionally write INI settings into
# "$bench_extra_conf" (the function bench_extra writes them).
#   After it: $TS_VAR, $base, $conf, $admin, csrf (reads HTML on stdin).
export TS_VAR=$(mktemp -d "/tmp/ts-$bench_name-XXXXXX")
chmod 755 "$TS_VAR"
export TS_HTTP_PORT=$bench_port TS_MAIL=maildir TS_FCGI_CHILDREN=${BENCH_CHILDREN:-2}
# The nginx POST limit would measure itself, not the application.
export TS_POST_RATE=100000r/s TS_POST_BURST=100000
if [ -n "${bench_extra:-}" ]; then
  export TS_EXTRA_CONF=$TS_VAR/extra.conf
  printf '%b' "$bench_extra" >"$TS_EXTRA_CONF"
fi
bench_cleanup() {
  # Errors logged during the run are part of the result.
  { grep -h ' error: ' "$TS_VAR"/log/teleservices.log 2>/dev/null | sed 's/^/log: /' | sort | uniq -c | sort -rn | head -5 >&2; } || true
  "$repo/scripts/stack.sh" stop >/dev/null 2>&1 || true
  rm -rf "$TS_VAR"
}
trap bench_cleanup EXIT
"$repo/scripts/stack.sh" start >/dev/null
base=http://127.0.0.1:$TS_HTTP_PORT
conf=$TS_VAR/etc/teleservices.conf
admin="${TS_BUILD:-$repo/build}/teleservices-admin"
csrf() { grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
