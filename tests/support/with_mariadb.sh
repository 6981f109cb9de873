#!/usr/bin/env bash
# Runs one command against a private, throw-away MariaDB holding the migrated
# Téléservices schema, then stops that server and removes everything.
#
#   tests/support/with_mariadb.sh CMD ARGS...
#
# CMD finds the configuration (INI, lib/core/config.h) in $TS_TEST_CONF: a
# [database] section for the server's socket, [site] templates and
# common_passwords from this repository, cheap Argon2 ([security]). ctest runs
# db-tests and flow-tests through this script (CMakeLists.txt, end of file).
# The exit status is CMD's (1 when the server could not be prepared).
#
# Environment:
#   TS_BUILD          build folder holding teleservices-admin (default <repo>/build)
#   TS_KEEP_TESTDB=1  keep the folder (data, logs, config) after the run; the
#                     server is stopped all the same
#
# Everything lives in one folder made by mktemp under /tmp: db/ (data),
# tmp/ (the server's own temp folder: several servers sharing /tmp sometimes
# abort on each other's temp files), mysqld.sock, mariadbd.pid, mariadb.log,
# teleservices.conf. A trap stops the server (TERM, then KILL after a
# deadline; only the PID this script started, as its pid file names it) and
# removes the folder whatever happens: failure, Ctrl-C, ctest's timeout.
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${TS_BUILD:-$repo/build}
admin=$build/teleservices-admin

say() { echo "with_mariadb.sh: $*" >&2; }

if (($# == 0)); then
  echo "usage: $0 CMD ARGS..." >&2
  exit 2
fi
[[ -x $admin ]] || { say "no $admin (build first)"; exit 1; }

dir=$(mktemp -d /tmp/ts-testdb.XXXXXX) || { say "mktemp failed"; exit 1; }
sock=$dir/mysqld.sock
pidfile=$dir/mariadbd.pid
log=$dir/mariadb.log
conf=$dir/teleservices.conf
server_pid=  # the mariadbd this script started ($!)

# Alive and not a zombie.
alive() {
  local state
  state=$(sed -n 's/.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z && $state != X ]]
}

# Stops our server: the PID of its pid file (it must be the process we
# started, or at least a mariadbd whose command line names our folder), else
# the PID we started. TERM, wait up to 20 s, then KILL.
stop_server() {
  local pid=""
  if [[ -s $pidfile ]]; then
    pid=$(tr -dc '0-9' <"$pidfile")
    if [[ -n $pid ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "--datadir=$dir/db"; then
      pid=""  # stale or reused: never signal a process that is not ours
    fi
  fi
  [[ -n $pid ]] || pid=$server_pid
  [[ -n $pid ]] && alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while alive "$pid"; do
    if ((SECONDS >= deadline)); then
      say "mariadbd (pid $pid) did not stop within 20 s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
      break
    fi
    sleep 0.1
  done
  # Reap it when it is our child (no zombie left behind).
  [[ $pid == "$server_pid" ]] && wait "$pid" 2>/dev/null
  return 0
}

cleanup() {
  stop_server
  if [[ ${TS_KEEP_TESTDB:-} == 1 ]]; then
    say "kept $dir"
  else
    rm -rf "$dir"
  fi
}
trap cleanup EXIT
# A signal still runs the EXIT trap, with the conventional status.
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

fail() {
  say "$*"
  if [[ -s $log ]]; then
    say "last lines of $log:"
    tail -n 25 "$log" >&2
  fi
  exit 1
}

random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# 1. The data folder, as scripts/stack.sh start_db makes it.
mkdir -p "$dir/db" "$dir/tmp" "$dir/mail/new" "$dir/mail/cur" "$dir/mail/tmp"
mariadb-install-db --no-defaults --user=root --datadir="$dir/db" --tmpdir="$dir/tmp" \
  --auth-root-authentication-method=socket --skip-test-db >>"$log" 2>&1 ||
  fail "mariadb-install-db failed"

# 2. The server: unix socket only, its own temp folder.
mariadbd --no-defaults --user=root --datadir="$dir/db" --socket="$sock" \
  --pid-file="$pidfile" --log-error="$log" --skip-networking --tmpdir="$dir/tmp" \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
  </dev/null >>"$log" 2>&1 &
server_pid=$!

deadline=$((SECONDS + 30))
until mariadb-admin --no-defaults --socket="$sock" -u root ping >/dev/null 2>&1; do
  alive "$server_pid" || fail "mariadbd exited during start-up"
  ((SECONDS < deadline)) || fail "MariaDB did not answer within 30 s"
  sleep 0.1
done
until [[ -s $pidfile ]]; do  # the pid file may lag the socket by a moment
  ((SECONDS < deadline)) || fail "MariaDB wrote no pid file"
  sleep 0.1
done

# 3. The database and its user, as scripts/stack.sh create_database does.
db_password=$(random_hex 16)
mariadb --no-defaults --socket="$sock" -u root >>"$log" 2>&1 <<SQL || fail "could not create the database and its user"
CREATE DATABASE IF NOT EXISTS teleservices CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'teleservices'@'localhost' IDENTIFIED BY '$db_password';
GRANT ALL PRIVILEGES ON teleservices.* TO 'teleservices'@'localhost';
SQL

# 4. The configuration (every key: etc/teleservices.conf.example).
cat >"$conf" <<CONF
; Written by tests/support/with_mariadb.sh for one test run.
[database]
socket = $sock
host =
user = teleservices
password = $db_password
name = teleservices

[site]
base_url = http://127.0.0.1:8080
templates = $repo/templates
template_reload = false
dev_mail_page = true
maildir = $dir/mail
secret = $(random_hex 32)
secure_cookies = false
common_passwords = $repo/data/common-passwords.txt

[security]
; cheap Argon2: tests hash many passwords
argon2_memory_kib = 1024
argon2_iterations = 1

[mail]
transport = maildir

[staff]
totp_key = $(random_hex 32)

[log]
file =
CONF

# 5. The schema.
"$admin" --config "$conf" migrate >>"$dir/migrate.log" 2>&1 ||
  { cat "$dir/migrate.log" >&2; fail "teleservices-admin migrate failed"; }

# 6. The command, whose status is ours.
export TS_TEST_CONF=$conf
"$@"
rc=$?
exit "$rc"
