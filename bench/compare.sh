#!/usr/bin/env bash
# Compares this checkout with an earlier revision, side by side in one run:
# two private stacks (the revision's own scripts, build and templates in a
# git worktree, and this checkout's), signed in the same way, and each page
# measured on one then the other, alternately, for ROUNDS rounds. The machine
# is shared and noisy: only the ratios within a round mean something.
#
#   bench/compare.sh REV            e.g. bench/compare.sh c0d6454
#   BENCH_SECONDS (default 10), BENCH_CONNECTIONS (8), ROUNDS (2)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rev=${1:?usage: bench/compare.sh REV}
secs=${BENCH_SECONDS:-10} conns=${BENCH_CONNECTIONS:-8} rounds=${ROUNDS:-2}
command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk >/dev/null

work=$(mktemp -d /tmp/ts-compare-XXXXXX)
chmod 755 "$work"
old=$work/old
git -C "$repo" worktree add -f --detach "$old" "$rev" >/dev/null
declare -A var=([old]=$work/var-old [new]=$work/var-new) port=([old]=18081 [new]=18082)
declare -A src=([old]=$old [new]=$repo)
cleanup() {
  for k in old new; do TS_VAR=${var[$k]} "${src[$k]}/scripts/stack.sh" stop >/dev/null 2>&1 || true; done
  git -C "$repo" worktree remove --force "$old" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "building $rev in $old" >&2
ln -s "$repo/node_modules" "$old/node_modules"
mkdir -p "$old/htdocs" && cp -r "$repo/htdocs/dsfr" "$old/htdocs/"
cmake -S "$old" -B "$old/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$old/build" -j2 >/dev/null

csrf() { grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }

# Starts stack $1, activates a responsable account and prints its session cookie.
start_and_sign_in() {
  local k=$1 dir=${var[$1]} base=http://127.0.0.1:${port[$1]}
  mkdir -p "$dir" && chmod 755 "$dir"
  TS_VAR=$dir TS_HTTP_PORT=${port[$k]} TS_MAIL=maildir TS_FCGI_CHILDREN=${BENCH_CHILDREN:-2} \
    TS_POST_RATE=100000r/s TS_POST_BURST=100000 TS_BUILD=${src[$k]}/build "${src[$k]}/scripts/stack.sh" start >/dev/null
  local conf=$dir/etc/teleservices.conf jar=$dir/jar letters id pw birth tok link
  letters=$("${src[$k]}/build/teleservices-admin" --config "$conf" demo --tsv)
  read -r id pw _ <<<"$(grep -P '\tresponsable\t' <<<"$letters" | head -1)"
  birth=$(grep -P "^$id\t" <<<"$letters" | cut -f7)
  tok=$(curl -s -c "$jar" -b "$jar" "$base/connexion" | csrf)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf_token=$tok" --data-urlencode "identifiant=$id" \
    --data-urlencode "mot_de_passe=$pw" "$base/connexion"
  tok=$(curl -s -c "$jar" -b "$jar" "$base/premiere-connexion" | csrf)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf_token=$tok" -d mot_de_passe=Bench2024pw \
    -d mot_de_passe_confirmation=Bench2024pw -d email=bench@example.org -d email_confirmation=bench@example.org \
    --data-urlencode "date_naissance=$birth" "$base/premiere-connexion"
  "$dir/app/bin/ts-mail-worker" --config "$conf" --once >/dev/null 2>&1 || true
  sleep 1
  link=$(cat "$dir"/mail/new/* | /usr/bin/python3 -c 'import quopri, sys; sys.stdout.write(quopri.decodestring(sys.stdin.buffer.read()).decode())' \
    | grep -o 'http://[^ ]*validerAdresseMail?code=[A-Za-z0-9_-]*' | head -1)
  curl -s -o /dev/null -c "$jar" -b "$jar" "$link"
  awk '$6=="ts_session"{print $7}' "$jar"
}
declare -A session
for k in old new; do
  session[$k]=$(start_and_sign_in $k)
  [ -n "${session[$k]}" ] || { echo "compare: could not sign in on the $k stack" >&2; exit 1; }
done

rps() {  # wrk args... -> requests/s (and fails on non-2xx answers)
  local out
  out=$(wrk -t2 -c"$conns" -d"${secs}s" "$@")
  if grep -q Non-2xx <<<"$out"; then echo "compare: non-2xx answers for $*" >&2; exit 1; fi
  awk '/Requests\/sec/{print $2}' <<<"$out"
}

echo "# $(date -u +%FT%TZ): $rev (old) against $(git -C "$repo" rev-parse --short HEAD)+work tree (new), ${secs}s each, $conns connections, $rounds rounds"
printf '| page | round | old req/s | new req/s | new/old |\n|---|---:|---:|---:|---:|\n'
for ((r = 1; r <= rounds; r++)); do
  for page in "portal: GET /|/|" "login page: GET /connexion|/connexion|" "services home, signed in: GET /services|/services|cookie"; do
    IFS='|' read -r label path cookie <<<"$page"
    declare -A got=()
    for k in old new; do
      args=()
      [ -n "$cookie" ] && args=(-H "Cookie: ts_session=${session[$k]}")
      got[$k]=$(rps "${args[@]}" "http://127.0.0.1:${port[$k]}$path")
    done
    printf '| %s | %d | %s | %s | %s |\n' "$label" "$r" "${got[old]}" "${got[new]}" \
      "$(awk -v a="${got[new]}" -v b="${got[old]}" 'BEGIN{printf "%.2f", a/b}')"
  done
done
