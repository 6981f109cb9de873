#!/usr/bin/env bash
# Does the response time of a recovery request tell whether the address (or
# the identifier) has an account? On a private stack, alternates requests for
# an active account's confirmed address and for an unknown one, on both
# forms, and prints the median and 90th percentile of each and their
# difference. (Not a test: this 2-core machine is shared and noisy; read the
# difference against the spread.)
#
#   BENCH_PAIRS (default 100)   pairs of requests per form (known, unknown)
#   BENCH_PORT (default 18081), BENCH_CHILDREN (default 2)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pairs=${BENCH_PAIRS:-100}

# The mail limits would soon answer 429 (or send nothing) for the known
# address; the per-client limit is met by sending each request from its own
# 127.x.y.z address (Linux routes all of 127/8 to lo).
bench_name=timing bench_port=${BENCH_PORT:-18081}
bench_extra='[security]\nmail_per_account_per_hour = 1000000\nmail_per_address_per_hour = 1000000\n'
. "$repo/bench/stack.sh"
sql() { mariadb --no-defaults --socket="$TS_VAR/run/mysqld.sock" -u root -N -B teleservices -e "$1"; }

# An active account with a confirmed address, the real way: letter, first
# connection, mailed link.
letters=$("$admin" --config "$conf" demo --tsv)
read -r id pw _ <<<"$(grep -P '\tresponsable\t' <<<"$letters" | head -1)"
birth=$(grep -P "^$id\t" <<<"$letters" | cut -f7)
known=timing@example.org unknown=personne@example.org
jar=$TS_VAR/jar
tok=$(curl -s -c "$jar" -b "$jar" "$base/connexion" | csrf)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf_token=$tok" --data-urlencode "identifiant=$id" --data-urlencode "mot_de_passe=$pw" "$base/connexion"
tok=$(curl -s -c "$jar" -b "$jar" "$base/premiere-connexion" | csrf)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf_token=$tok" -d mot_de_passe=Timing2024pw -d mot_de_passe_confirmation=Timing2024pw \
  -d "email=$known" -d "email_confirmation=$known" --data-urlencode "date_naissance=$birth" "$base/premiere-connexion"
for _ in $(seq 100); do compgen -G "$TS_VAR/mail/new/*" >/dev/null && break; sleep 0.1; done
link=$(cat "$TS_VAR"/mail/new/* | /usr/bin/python3 -c 'import quopri, sys; sys.stdout.write(quopri.decodestring(sys.stdin.buffer.read()).decode())' \
  | grep -o 'http://[^ ]*validerAdresseMail?code=[A-Za-z0-9_-]*' | head -1)
curl -s -o /dev/null "$link"
[[ $(sql "SELECT state FROM account WHERE identifier = '$id'") == active ]] || { echo "timing: could not activate $id" >&2; exit 1; }

# One pre-session cookie and its CSRF token serve every POST.
pre_jar=$TS_VAR/pre
tok=$(curl -s -c "$pre_jar" "$base/identifiant-oublie" | csrf)

n=0
post() {  # path fields... ; prints the time in ms, fails on anything but 200
  local path=$1 out code secs
  shift
  n=$((n + 1))
  local ip=127.1.$((n / 250)).$((n % 250 + 1))
  local args=()
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --interface "$ip" -b "$pre_jar" \
    --data-urlencode "csrf_token=$tok" "${args[@]}" "$base$path")
  read -r code secs <<<"$out"
  [[ $code == 200 ]] || { echo "timing: $path answered $code" >&2; exit 1; }
  awk -v s="$secs" 'BEGIN { printf "%.3f\n", s * 1000 }'
}

stats() {  # file -> "median p90" in ms
  sort -n "$1" | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    p = int(0.9 * NR); if (p < 0.9 * NR) p++
    printf "%.2f %.2f\n", m, v[p] }'
}

measure() {  # label path known-fields unknown-fields (fields separated by |)
  local label=$1 path=$2 i
  IFS='|' read -r -a k <<<"$3"
  IFS='|' read -r -a u <<<"$4"
  : >"$TS_VAR/known" && : >"$TS_VAR/unknown"
  for i in $(seq 10); do post "$path" "${k[@]}" >/dev/null; post "$path" "${u[@]}" >/dev/null; done  # warm-up
  for i in $(seq "$pairs"); do
    # Alternate which goes first, so that neither always follows the other.
    if ((i % 2)); then
      post "$path" "${k[@]}" >>"$TS_VAR/known"; post "$path" "${u[@]}" >>"$TS_VAR/unknown"
    else
      post "$path" "${u[@]}" >>"$TS_VAR/unknown"; post "$path" "${k[@]}" >>"$TS_VAR/known"
    fi
  done
  read -r km kp <<<"$(stats "$TS_VAR/known")"
  read -r um up <<<"$(stats "$TS_VAR/unknown")"
  printf '| %s | %s / %s | %s / %s | %+.2f / %+.2f |\n' "$label" "$km" "$kp" "$um" "$up" \
    "$(awk -v a="$km" -v b="$um" 'BEGIN { print a - b }')" "$(awk -v a="$kp" -v b="$up" 'BEGIN { print a - b }')"
}

before=$(sql "SELECT COUNT(*) FROM outbox")
echo "# $(date -u +%FT%TZ), $pairs pairs per form (alternating), $TS_FCGI_CHILDREN processes per flow, $(nproc) cores"
echo "| POST | known: median / p90 (ms) | unknown: median / p90 (ms) | difference known − unknown (ms) |"
echo "|---|---:|---:|---:|"
measure "/identifiant-oublie (confirmed address vs unknown address)" /identifiant-oublie "email=$known" "email=$unknown"
measure "/mot-de-passe-oublie (identifier + its address vs unknown)" /mot-de-passe-oublie \
  "identifiant=$id|email=$known" "identifiant=personne|email=$unknown"
queued=$(($(sql "SELECT COUNT(*) FROM outbox") - before))
echo
echo "mails queued: $queued (expected $((2 * (pairs + 10))): one per known request, none for the unknown ones)"
