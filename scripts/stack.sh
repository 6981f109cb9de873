#!/usr/bin/env bash
# Starts, stops and reports on a complete private Téléservices stack living in
# one folder: MariaDB, the mail worker, one supervised pool of FastCGI processes
# per flow (spawn-fcgi opens the socket, multiwatch keeps N processes on it and
# restarts any that dies, as the production units do), nginx and, in smtp mode,
# a local SMTP server. Used by `make run` and by every
# integration/browser test (each test file starts its own stack in a temp folder).
#
#   scripts/stack.sh start|stop|status
#
# Environment:
#   TS_VAR            the folder (absolute path, required); created if needed
#   TS_HTTP_PORT      nginx port on 127.0.0.1 (default 8080)
#   TS_MAIL           maildir (default: the worker writes into $TS_VAR/mail) or
#                     smtp (a local aiosmtpd receives into $TS_VAR/smtp-maildir)
#   TS_SMTP_PORT      port of that SMTP server (default: a free port)
#   TS_FCGI_CHILDREN  processes per flow (default 2), kept alive by multiwatch
#   TS_EXTRA_CONF     a file of INI settings merged over the generated config
#                     (tests: short timeouts, cheap argon2...)
#   TS_POST_RATE      nginx rate limit for POSTs per client (default 20r/s)
#   TS_POST_BURST     burst allowed above that rate (default 40)
#   TS_BUILD          build folder with the binaries (default <repo>/build)
#
# Layout of $TS_VAR: app/ (copied binaries, templates, data, htdocs, sql),
# etc/ (teleservices.conf, nginx.conf, site conf), db/ (MariaDB data), run/
# (sockets, pid files), log/, mail/ or smtp-maildir/, tmp/ (nginx temp files).
# Must run as root (spawn-fcgi and nginx switch to www-data).
#
# `status` prints one line per part and, per flow, how many handler processes
# are alive out of how many are expected; it exits 1 when any part is down or
# any pool is short.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
web_user=www-data

die() { echo "stack.sh: $*" >&2; exit 1; }
note() { echo "stack.sh: $*"; }

# The flows (one binary ts-<flow> and one pool each), from flows.txt: every
# flow, the development-only ones (dev_courriels) included.
flow_names=$(bash "$repo/scripts/flows.sh" names) || die "scripts/flows.sh names failed (see above)"
if [[ -z $flow_names ]]; then die "scripts/flows.sh names listed no flow"; fi
mapfile -t flows <<<"$flow_names"

: "${TS_VAR:?TS_VAR must name the stack folder (absolute path)}"
[[ $TS_VAR == /* ]] || die "TS_VAR must be an absolute path (got '$TS_VAR')"
TS_VAR=${TS_VAR%/}
http_port=${TS_HTTP_PORT:-8080}
mail_mode=${TS_MAIL:-maildir}
children=${TS_FCGI_CHILDREN:-2}
post_rate=${TS_POST_RATE:-20r/s}
post_burst=${TS_POST_BURST:-40}
build=${TS_BUILD:-$repo/build}
[[ $mail_mode == maildir || $mail_mode == smtp ]] || die "TS_MAIL must be maildir or smtp (got '$mail_mode')"

app=$TS_VAR/app
etc=$TS_VAR/etc
run=$TS_VAR/run
logd=$TS_VAR/log
conf=$etc/teleservices.conf
db_sock=$run/mysqld.sock
db_pid=$run/mariadbd.pid

# ---------------------------------------------------------------- processes

# Alive and not a zombie (here PID 1 may not reap orphans).
alive() {
  local state
  state=$(sed -n 's/.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z && $state != X ]]
}

# A PID from one of our pid files really is one of our processes: its command
# line names this stack's folder. Guards against stale pid files and PID reuse.
ours() {
  alive "$1" || return 1
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$TS_VAR/"
}

pids_in() {  # the live PIDs of ours listed in a pid file
  local p
  [[ -f $1 ]] || return 0
  for p in $(cat "$1" 2>/dev/null); do
    [[ $p =~ ^[0-9]+$ ]] && ours "$p" && echo "$p"
  done
  return 0
}

# The live handler processes of a pool: the children of its multiwatch (named
# in the pid file) running this stack's ts-<flow>.
pool_pids() {  # pid-file program
  local w c
  for w in $(pids_in "$1"); do
    for c in $(ps -o pid= --ppid "$w" 2>/dev/null); do
      ours "$c" && [[ $(readlink "/proc/$c/exe" 2>/dev/null) == "$app/bin/$2" ]] && echo "$c"
    done
  done
  return 0
}

# Handler processes of this stack that no multiwatch holds any more (theirs
# was killed): orphans still serving the flow's socket, which status reports
# and stop ends. A process counts when its program is this stack's ts-<flow>
# (its first argument: the binary may have been replaced since).
stray_handlers() {  # program
  local d p first parent
  for d in /proc/[0-9]*; do
    p=${d#/proc/}
    # The first argument, read without a fork (one per process per flow made
    # start and stop take a minute on a loaded machine); kernel threads have none.
    first=
    { IFS= read -r -d '' first <"$d/cmdline"; } 2>/dev/null || true  # EOF before a NUL: set -e
    [[ -n $first ]] || continue
    [[ $first == "$app/bin/$1" ]] || continue
    alive "$p" || continue
    parent=$(sed -n 's/.*) . \([0-9]*\) .*/\1/p' "$d/stat" 2>/dev/null)
    [[ -n $parent && $({ tr '\0' ' ' <"/proc/$parent/cmdline"; } 2>/dev/null) == *multiwatch* ]] && continue
    echo "$p"
  done
  return 0
}

# How many handler processes a pool's multiwatch keeps (its -f argument).
pool_size() {  # pid-file
  local w
  w=$(pids_in "$1" | head -n 1)
  [[ -n $w ]] || { echo 0; return 0; }
  tr '\0' '\n' <"/proc/$w/cmdline" | awk 'prev == "-f" { print; exit } { prev = $0 }'
}

# TERM the `signalled` PIDs, wait up to `grace` seconds for every one of the
# `waited` PIDs to end, then KILL those left (lists space-separated).
term_and_wait() {  # name grace signalled waited
  local name=$1 grace=$2 p deadline=$((SECONDS + $2))
  local -a signalled waited left
  read -r -a signalled <<<"$3"
  read -r -a waited <<<"$4"
  kill -TERM "${signalled[@]}" 2>/dev/null || true
  while :; do
    left=()
    for p in "${waited[@]}"; do alive "$p" && left+=("$p"); done
    ((${#left[@]})) || break
    if ((SECONDS >= deadline)); then
      note "$name did not stop in ${grace}s, killing ${left[*]}"
      kill -KILL "${left[@]}" 2>/dev/null || true
      sleep 0.2
      break
    fi
    sleep 0.1
  done
}

# TERM the processes of a pid file (and their direct children: nginx workers),
# wait up to `grace` seconds, then KILL; remove the pid file. With `supervisor`,
# only the processes of the pid file get the TERM (multiwatch then asks its
# handlers to finish the request in hand and exit, and forks no new one); their
# children are waited for, and killed with them after the grace.
stop_pidfile() {
  local name=$1 file=$2 grace=${3:-5} mode=${4:-} p c
  local -a pids=() signalled=()
  for p in $(pids_in "$file"); do
    pids+=("$p")
    signalled+=("$p")
    for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do
      pids+=("$c")
      [[ $mode == supervisor ]] || signalled+=("$c")
    done
  done
  if ((${#pids[@]})); then
    term_and_wait "$name" "$grace" "${signalled[*]}" "${pids[*]}"
    note "stopped $name"
  fi
  rm -f "$file"
}

stop_web() {  # everything but the database
  stop_pidfile nginx "$run/nginx.pid" 5
  local f file
  for f in "${flows[@]}"; do stop_pidfile "ts-$f" "$run/fcgi-$f.pid" 5 supervisor; done
  # and the pool of a flow since taken out of flows.txt
  for file in "$run"/fcgi-*.pid; do
    [[ -e $file ]] || continue
    f=${file##*/fcgi-}
    stop_pidfile "ts-${f%.pid}" "$file" 5 supervisor
  done
  # Orphans of a multiwatch killed by hand: TERM (they finish the request in
  # hand), KILL after 5 s.
  local -a strays=()
  for f in "${flows[@]}"; do mapfile -t -O "${#strays[@]}" strays < <(stray_handlers "ts-$f"); done
  if ((${#strays[@]})); then
    term_and_wait "orphaned handlers" 5 "${strays[*]}" "${strays[*]}"
    note "stopped ${#strays[@]} orphaned handler(s): ${strays[*]}"
  fi
  stop_pidfile ts-mail-worker "$run/mail-worker.pid" 5
  stop_pidfile smtp-server "$run/smtp.pid" 5
}

stop_all() {
  stop_web
  stop_pidfile mariadbd "$db_pid" 20
  rm -f "$db_sock" "$run"/*.sock
}

db_running() {
  [[ -n $(pids_in "$db_pid") ]] && [[ -S $db_sock ]]
}

# ------------------------------------------------------------------ helpers

random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Replaces the line made of a placeholder (e.g. "    @FLOW_LOCATIONS@") with
# the lines of a file: for values of several lines, which `fill` cannot take.
splice() {
  local in=$1 out=$2 name=$3 file=$4
  grep -qxE "[[:blank:]]*@$name@" "$in" || fail "no line @$name@ in $in"
  awk -v name="@$name@" -v file="$file" '
    { line = $0; gsub(/^[ \t]+|[ \t]+$/, "", line) }
    line == name { while ((getline l < file) > 0) print l; close(file); next }
    { print }
  ' "$in" >"$out" || fail "could not write $out"
}

# Substitutes @NAME@ placeholders from "NAME=value" arguments. A placeholder
# left in a comment line is harmless (the site template's header names
# @FLOW_LOCATIONS@, which `splice` fills); anywhere else it is an error.
fill() {
  local in=$1 out=$2 args=() kv left
  shift 2
  for kv in "$@"; do args+=(-e "s|@${kv%%=*}@|${kv#*=}|g"); done
  sed "${args[@]}" "$in" >"$out"
  left=$(grep -v '^[[:blank:]]*#' "$out" | grep -o '@[A-Z_]*@' | head -1 || true)
  if [[ -n $left ]]; then die "unfilled placeholder in $out: $left"; fi
}

show_logs() {
  local f
  echo "---- last lines of the logs in $logd ----" >&2
  for f in "$logd"/teleservices.log "$logd"/nginx-error.log "$logd"/mariadb.log \
    "$logd"/mail-worker.log "$logd"/smtp.log "$logd"/spawn-fcgi.log; do
    [[ -s $f ]] || continue
    echo "==> $f <==" >&2
    tail -n 25 "$f" >&2
  done
}

fail() {  # leave nothing half-started behind
  echo "stack.sh: $*" >&2
  show_logs
  stop_all >&2 || true
  exit 1
}

as_web_user() { setpriv --reuid="$web_user" --regid="$web_user" --init-groups -- "$@"; }

# Merges an INI file over another: a key already present in the same section
# is replaced in place (inih joins repeated keys instead of overriding them),
# new keys and sections are added.
merge_ini() {
  local base=$1 extra=$2 tmp
  tmp=$(mktemp)
  awk '
    function trim(s) { gsub(/^[ \t]+|[ \t\r]+$/, "", s); return s }
    FNR == NR {  # the extra file
      line = trim($0)
      if (line == "" || line ~ /^[;#]/) next
      if (line ~ /^\[.*\]$/) { sec = line; if (!(sec in seen)) { seen[sec] = 1; order[++nsec] = sec }; next }
      eq = index(line, "=")
      if (!eq) next
      k = trim(substr(line, 1, eq - 1))
      val[sec, k] = line
      keys[sec] = keys[sec] SUBSEP k
      next
    }
    function flush(s,   n, parts, i) {  # keys of section s not yet written
      n = split(keys[s], parts, SUBSEP)
      for (i = 2; i <= n; i++) if (!((s, parts[i]) in done)) { print val[s, parts[i]]; done[s, parts[i]] = 1 }
    }
    {
      line = trim($0)
      if (line ~ /^\[.*\]$/) { if (cur != "") flush(cur); cur = line; present[cur] = 1; print; next }
      eq = index(line, "=")
      if (eq && line !~ /^[;#]/) {
        k = trim(substr(line, 1, eq - 1))
        if ((cur, k) in val) { print val[cur, k]; done[cur, k] = 1; next }
      }
      print
    }
    END {
      if (cur != "") flush(cur)
      for (i = 1; i <= nsec; i++) if (!(order[i] in present)) { print ""; print order[i]; flush(order[i]) }
    }
  ' "$extra" "$base" >"$tmp"
  cat "$tmp" >"$base"
  rm -f "$tmp"
}

# ------------------------------------------------------------------- start

install_app() {
  local b missing=()
  for b in "${flows[@]/#/ts-}" ts-mail-worker teleservices-admin; do
    [[ -x $build/$b ]] || missing+=("$b")
  done
  ((${#missing[@]} == 0)) || die "not built: ${missing[*]} (in $build); run 'make build' first"
  [[ -f $repo/htdocs/dsfr/dsfr.min.css ]] || note "warning: htdocs/dsfr is missing (make build copies the DSFR there)"

  rm -rf "$app"
  mkdir -p "$app/bin"
  for b in "${flows[@]/#/ts-}" ts-mail-worker teleservices-admin; do
    cp "$build/$b" "$app/bin/"
  done
  local d
  for d in templates data htdocs sql; do
    if [[ -d $repo/$d ]]; then cp -r --no-preserve=mode,ownership "$repo/$d" "$app/$d"; else mkdir -p "$app/$d"; fi
  done
  # Readable by www-data whatever the checkout's modes are.
  find "$app" -type d -exec chmod 755 {} +
  find "$app" -type f -exec chmod 644 {} +
  chmod 755 "$app"/bin/*
}

start_db() {
  if db_running; then
    note "MariaDB already running (pid $(pids_in "$db_pid"))"
    return
  fi
  rm -f "$db_sock" "$db_pid"
  # Its own temporary folder: several MariaDB servers sharing /tmp sometimes
  # abort on each other's temporary files (several test stacks run at once);
  # the bootstrap server of mariadb-install-db too (--tmpdir is passed on to it).
  mkdir -p "$TS_VAR/tmp/mariadb"
  if [[ ! -d $TS_VAR/db/mysql ]]; then
    mkdir -p "$TS_VAR/db"
    mariadb-install-db --no-defaults --user=root --datadir="$TS_VAR/db" --tmpdir="$TS_VAR/tmp/mariadb" \
      --auth-root-authentication-method=socket --skip-test-db >>"$logd/mariadb.log" 2>&1 ||
      fail "mariadb-install-db failed"
  fi
  setsid mariadbd --no-defaults --user=root --datadir="$TS_VAR/db" --socket="$db_sock" \
    --pid-file="$db_pid" --log-error="$logd/mariadb.log" --skip-networking --tmpdir="$TS_VAR/tmp/mariadb" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
    </dev/null >>"$logd/mariadb.log" 2>&1 &
  local deadline=$((SECONDS + 30))
  until mariadb-admin --no-defaults --socket="$db_sock" -u root ping >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "MariaDB did not answer within 30 s"
    sleep 0.1
  done
  # the pid file may lag the socket by a moment
  until [[ -s $db_pid ]]; do ((SECONDS < deadline)) || fail "MariaDB wrote no pid file"; sleep 0.1; done
  note "MariaDB started (socket $db_sock)"
}

sql_root() { mariadb --no-defaults --socket="$db_sock" -u root "$@"; }

# Secrets survive restarts of the same folder (sessions and the DB user stay valid).
load_secrets() {
  local f=$etc/secrets
  if [[ ! -s $f ]]; then
    (umask 077; printf 'db_password=%s\nsite_secret=%s\n' "$(random_hex 16)" "$(random_hex 32)" >"$f")
  fi
  # Added with the staff side: folders made before it get the key now.
  grep -q '^totp_key=' "$f" || (umask 077; printf 'totp_key=%s\n' "$(random_hex 32)" >>"$f")
  db_password=$(sed -n 's/^db_password=//p' "$f")
  site_secret=$(sed -n 's/^site_secret=//p' "$f")
  totp_key=$(sed -n 's/^totp_key=//p' "$f")
}

create_database() {
  sql_root <<SQL || fail "could not create the database and its user"
CREATE DATABASE IF NOT EXISTS teleservices CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'teleservices'@'localhost' IDENTIFIED BY '$db_password';
ALTER USER 'teleservices'@'localhost' IDENTIFIED BY '$db_password';
GRANT ALL PRIVILEGES ON teleservices.* TO 'teleservices'@'localhost';
SQL
}

write_conf() {
  local smtp_url="" site_maildir=$TS_VAR/mail
  if [[ $mail_mode == smtp ]]; then
    smtp_url=smtp://127.0.0.1:$smtp_port
    site_maildir=$TS_VAR/smtp-maildir
  fi
  local tmp=$conf.new
  cat >"$tmp" <<CONF
; Generated by scripts/stack.sh start for the private stack in $TS_VAR.
; Regenerated at every start: edit TS_EXTRA_CONF or scripts/stack.sh instead.
; Every key is documented in etc/teleservices.conf.example.

[database]
socket = $db_sock
host =
user = teleservices
password = $db_password
name = teleservices

[site]
base_url = http://127.0.0.1:$http_port
templates = $app/templates
template_reload = false
dev_mail_page = true
maildir = $site_maildir
secret = $site_secret
secure_cookies = false
academie = Académie de démonstration
common_passwords = $app/data/common-passwords.txt

[session]
idle_timeout_minutes = 30
absolute_timeout_hours = 8

[staff]
idle_minutes = 15
totp_key = $totp_key

[security]
argon2_memory_kib = 19456
argon2_iterations = 2
resend_min_interval_seconds = 120
resend_max_per_day = 5
max_failed_logins = 5
lock_seconds = 900
login_ip_max_failures = 30
login_ip_window_minutes = 15
mail_per_account_per_hour = 5
mail_per_address_per_hour = 5
reset_valid_minutes = 60

[mail]
from_address = service.messagerie@example.invalid
from_name = Administrateur des services en ligne
transport = $mail_mode
smtp_url = $smtp_url
starttls = false
smtp_user =
smtp_password =
max_attempts = 8
retry_base_seconds = 30
poll_interval_ms = 500
batch = 20

[log]
file = $logd/teleservices.log
CONF
  if [[ -n ${TS_EXTRA_CONF:-} ]]; then
    [[ -f $TS_EXTRA_CONF ]] || fail "TS_EXTRA_CONF: no such file: $TS_EXTRA_CONF"
    merge_ini "$tmp" "$TS_EXTRA_CONF"
  fi
  chown "root:$web_user" "$tmp"
  chmod 0640 "$tmp"
  mv -f "$tmp" "$conf"
}

start_smtp() {
  mkdir -p "$TS_VAR/smtp-maildir"/{new,cur,tmp}
  chown -R "$web_user:$web_user" "$TS_VAR/smtp-maildir"
  chmod 755 "$TS_VAR/smtp-maildir" "$TS_VAR/smtp-maildir"/{new,cur,tmp}
  (
    cd "$TS_VAR"
    exec setsid setpriv --reuid="$web_user" --regid="$web_user" --init-groups -- \
      /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" \
      -c aiosmtpd.handlers.Mailbox "$TS_VAR/smtp-maildir" </dev/null >>"$logd/smtp.log" 2>&1
  ) &
  echo $! >"$run/smtp.pid"
  local deadline=$((SECONDS + 15))
  until (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null; do
    ((SECONDS < deadline)) || fail "the SMTP server did not listen on port $smtp_port within 15 s"
    sleep 0.1
  done
  note "SMTP server on 127.0.0.1:$smtp_port, delivering into $TS_VAR/smtp-maildir"
}

start_worker() {
  (
    export TELESERVICES_CONF=$conf
    exec setsid setpriv --reuid="$web_user" --regid="$web_user" --init-groups -- \
      "$app/bin/ts-mail-worker" --config "$conf" </dev/null >>"$logd/mail-worker.log" 2>&1
  ) &
  echo $! >"$run/mail-worker.pid"
  sleep 0.2
  [[ -n $(pids_in "$run/mail-worker.pid") ]] || fail "ts-mail-worker exited at once"
}

# One pool per flow: spawn-fcgi binds the socket and execs multiwatch with it
# on fd 0 (libfcgi serves the listening socket it finds there); multiwatch forks
# $children processes of ts-<flow> sharing it and forks a new one as soon as one
# dies, like the production units (systemd/teleservices-handler@.service, same
# -r and -t: a process that lived 1 s was no start-up failure, so killing one
# never uses up its retries; 100 deaths in a row within 1 s of their start and
# multiwatch gives that process up, and exits when it has given them all up). The pid file names multiwatch; its
# children are the handlers, found with `ps --ppid`.
start_handlers() {
  local f
  command -v multiwatch >/dev/null || fail "multiwatch is missing (scripts/deps.sh installs it)"
  for f in "${flows[@]}"; do
    rm -f "$run/$f.sock"
    TELESERVICES_CONF=$conf spawn-fcgi -s "$run/$f.sock" -M 0660 -u "$web_user" -g "$web_user" \
      -U "$web_user" -G "$web_user" -P "$run/fcgi-$f.pid" -- \
      "$(command -v multiwatch)" -f "$children" -r 100 -t 1000 -- "$app/bin/ts-$f" \
      >>"$logd/spawn-fcgi.log" 2>&1 || fail "spawn-fcgi could not start the pool of ts-$f"
  done
  # Every pool complete before nginx sends it anything.
  local deadline=$((SECONDS + 10)) short
  while :; do
    short=
    for f in "${flows[@]}"; do
      (($(pool_pids "$run/fcgi-$f.pid" "ts-$f" | wc -w) >= children)) || short+=" ts-$f"
    done
    [[ -z $short ]] && break
    ((SECONDS < deadline)) || fail "handler pools not complete within 10 s:$short"
    sleep 0.05
  done
}

start_nginx() {
  mkdir -p "$TS_VAR/tmp"
  # The handlers' locations come from flows.txt (one socket per flow in run/).
  bash "$repo/scripts/flows.sh" nginx-locations "$run" /etc/nginx/fastcgi_params "$post_burst" \
    >"$etc/flow-locations.conf" || fail "scripts/flows.sh nginx-locations failed"
  splice "$repo/nginx/teleservices-site.conf.in" "$etc/teleservices-site.conf.in" \
    FLOW_LOCATIONS "$etc/flow-locations.conf"
  fill "$etc/teleservices-site.conf.in" "$etc/teleservices-site.conf" \
    "HTDOCS=$app/htdocs" "HTTP_PORT=$http_port" "POST_RATE=$post_rate"
  rm -f "$etc/flow-locations.conf" "$etc/teleservices-site.conf.in"
  fill "$repo/nginx/nginx-private.conf.in" "$etc/nginx.conf" \
    "VAR=$TS_VAR" "USER=$web_user" "SITE_CONF=$etc/teleservices-site.conf"
  nginx -t -q -e "$logd/nginx-error.log" -c "$etc/nginx.conf" -p "$TS_VAR/" 2>>"$logd/nginx-error.log" ||
    fail "nginx rejected $etc/nginx.conf"
  nginx -e "$logd/nginx-error.log" -c "$etc/nginx.conf" -p "$TS_VAR/" 2>>"$logd/nginx-error.log" ||
    fail "nginx did not start"
}

wait_http() {
  local url=http://127.0.0.1:$http_port/ code=000 deadline=$((SECONDS + 10))
  while ((SECONDS < deadline)); do
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" || true)
    [[ $code == 200 ]] && return 0
    sleep 0.2
  done
  fail "GET $url did not answer 200 within 10 s (last status: $code)"
}

start() {
  ((EUID == 0)) || die "must run as root (spawn-fcgi and nginx switch to $web_user)"
  id "$web_user" >/dev/null 2>&1 || die "no user $web_user"
  ((${#db_sock} < 100)) || die "TS_VAR is too long for a unix socket path: $db_sock"

  mkdir -p "$TS_VAR" "$etc" "$run" "$logd"
  chmod 755 "$TS_VAR" "$etc" "$run" "$logd"
  runuser -u "$web_user" -- test -x "$TS_VAR" ||
    die "$web_user cannot reach $TS_VAR (a parent folder is not traversable); choose a TS_VAR under /tmp or /srv"

  # A restart: keep the database, replace everything else.
  stop_web

  install_app
  touch "$logd/teleservices.log"
  chown "$web_user:$web_user" "$logd/teleservices.log"
  chmod 0664 "$logd/teleservices.log"
  mkdir -p "$TS_VAR/mail"/{new,cur,tmp}
  chown -R "$web_user:$web_user" "$TS_VAR/mail"
  chmod 755 "$TS_VAR/mail" "$TS_VAR/mail"/{new,cur,tmp}

  start_db
  load_secrets
  create_database
  smtp_port=
  if [[ $mail_mode == smtp ]]; then smtp_port=${TS_SMTP_PORT:-$(free_port)}; fi
  write_conf
  "$app/bin/teleservices-admin" --config "$conf" migrate >>"$logd/admin.log" 2>&1 ||
    { tail -n 20 "$logd/admin.log" >&2; fail "teleservices-admin migrate failed"; }
  # nginx's own error pages (every status it answers itself), with the site's layout.
  "$app/bin/teleservices-admin" --config "$conf" error-pages "$app/htdocs/erreurs" >>"$logd/admin.log" 2>&1 ||
    { tail -n 20 "$logd/admin.log" >&2; fail "teleservices-admin error-pages failed"; }
  chmod 755 "$app/htdocs/erreurs" && chmod 644 "$app/htdocs/erreurs"/*.html
  if [[ $mail_mode == smtp ]]; then start_smtp; fi
  start_worker
  start_handlers
  start_nginx
  wait_http
  note "up: http://127.0.0.1:$http_port/ (config $conf, mail: $mail_mode)"
}

status() {
  local rc=0 name file p
  check() {
    p=$(pids_in "$2" | tr '\n' ' ')
    if [[ -n $p ]]; then printf '%-26s running (pids %s)\n' "$1" "${p% }"; else printf '%-26s stopped\n' "$1"; rc=1; fi
  }
  # A pool: its supervisor alive and every expected handler process alive.
  check_pool() {  # program pid-file
    local w n want
    w=$(pids_in "$2" | tr '\n' ' ')
    local orphans
    orphans=$(stray_handlers "$1" | tr '\n' ' ')
    if [[ -n $orphans ]]; then
      printf '%-26s ORPHANS %d (pids %s: their supervisor is gone; make stop or make run ends them)\n' "$1" \
        "$(wc -w <<<"$orphans")" "${orphans% }"
      rc=1
    fi
    if [[ -z $w ]]; then printf '%-26s stopped\n' "$1"; rc=1; return; fi
    p=$(pool_pids "$2" "$1" | tr '\n' ' ')
    n=$(wc -w <<<"$p")
    want=$(pool_size "$2")
    if ((n >= want)); then
      printf '%-26s running %d/%d (pids %s; multiwatch %s)\n' "$1" "$n" "$want" "${p% }" "${w% }"
    else
      printf '%-26s SHORT %d/%d (pids %s; multiwatch %s)\n' "$1" "$n" "$want" "${p% }" "${w% }"
      rc=1
    fi
  }
  check mariadbd "$db_pid"
  check nginx "$run/nginx.pid"
  local f
  for f in "${flows[@]}"; do check_pool "ts-$f" "$run/fcgi-$f.pid"; done
  check ts-mail-worker "$run/mail-worker.pid"
  [[ -f $run/smtp.pid ]] && check smtp-server "$run/smtp.pid"
  return $rc
}

case ${1:-} in
  start) start ;;
  stop) stop_all ;;
  status) status ;;
  *) echo "usage: TS_VAR=/abs/folder $0 start|stop|status" >&2; exit 2 ;;
esac
