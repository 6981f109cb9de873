#!/usr/bin/env bash
# make bench: throughput of the main pages on a private stack, side by side in
# one run (this 2-core machine is shared and noisy: compare the ratios, not the
# absolute figures). Writes the table to stdout; docs/PERFORMANCE.md keeps a run.
#
#   BENCH_SECONDS (default 10)  duration of each measurement
#   BENCH_CONNECTIONS (default 8)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
secs=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-8}
command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk >/dev/null

bench_name=bench bench_port=${BENCH_PORT:-18080}
. "$repo/bench/stack.sh"
letters=$("$admin" --config "$conf" demo --tsv)

# An activated account and its session cookie, for the signed-in page.
jar=$TS_VAR/jar
read -r id pw _ <<<"$(grep -P '\tresponsable\t' <<<"$letters" | head -1)"
birth=$(grep -P "^$id\t" <<<"$letters" | cut -f7)
tok=$(curl -s -c "$jar" -b "$jar" "$base/connexion" | csrf)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf_token=$tok" --data-urlencode "identifiant=$id" --data-urlencode "mot_de_passe=$pw" "$base/connexion"
tok=$(curl -s -c "$jar" -b "$jar" "$base/premiere-connexion" | csrf)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf_token=$tok" -d mot_de_passe=Bench2024pw -d mot_de_passe_confirmation=Bench2024pw \
  -d email=bench@example.org -d email_confirmation=bench@example.org --data-urlencode "date_naissance=$birth" "$base/premiere-connexion"
"$TS_VAR/app/bin/ts-mail-worker" --config "$conf" --once >/dev/null 2>&1 || true
sleep 1
# The mail body is quoted-printable: decode it before looking for the link.
link=$(cat "$TS_VAR"/mail/new/* | /usr/bin/python3 -c 'import quopri, sys; sys.stdout.write(quopri.decodestring(sys.stdin.buffer.read()).decode())' \
  | grep -o 'http://[^ ]*validerAdresseMail?code=[A-Za-z0-9_-]*' | head -1)
curl -s -o /dev/null -c "$jar" -b "$jar" "$link"
session=$(awk '$6=="ts_session"{print $7}' "$jar")
[ -n "$session" ] || { echo "bench: could not sign in" >&2; exit 1; }
tok=$(curl -s -b "$jar" "$base/services" | csrf)

cat > "$TS_VAR/login.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "ts_session=$session"
wrk.body = "csrf_token=$tok&identifiant=$id&mot_de_passe=Bench2024pw"
LUA

measure() {  # label, wrk args...
  local label=$1; shift
  local out rps lat
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$@")
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  lat=$(awk '$1=="99%"{print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/{print $NF}' <<<"$out")
  printf '%s\t%s\t%s\t%s\n' "$label" "$rps" "$lat" "${non2xx:-0}"
}

echo "# $(date -u +%FT%TZ), ${secs}s each, $conns connections, $TS_FCGI_CHILDREN processes per flow, $(nproc) cores"
{
  measure "static file (nginx only): GET /css/app.css" "$base/css/app.css"
  measure "portal page: GET /" "$base/"
  measure "login page: GET /connexion" "$base/connexion"
  measure "services home, signed in: GET /services" -H "Cookie: ts_session=$session" "$base/services"
  measure "login, Argon2id: POST /connexion" -s "$TS_VAR/login.lua" "$base/connexion"
} > "$TS_VAR/results.tsv"
static=$(head -1 "$TS_VAR/results.tsv" | cut -f2)
printf '| measurement | requests/s | p99 latency | ratio to static | non-2xx |\n|---|---:|---:|---:|---:|\n'
while IFS=$'\t' read -r label rps lat non2xx; do
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$rps" "$lat" "$(awk -v a="$rps" -v b="$static" 'BEGIN{printf "%.3f", a/b}')" "$non2xx"
done < "$TS_VAR/results.tsv"
