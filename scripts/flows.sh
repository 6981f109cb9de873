#!/usr/bin/env bash
# The list of flows, flows.txt, for the scripts and files that need it: one
# FastCGI binary ts-<flow> per flow, and the nginx locations that reach it.
#
#   scripts/flows.sh names [--production]
#       the flow names, one a line, in the order they first appear in flows.txt;
#       --production leaves out the flows whose every location is `dev`
#   scripts/flows.sh nginx-locations SOCKET_DIR INCLUDE BURST [--production]
#       the nginx `location` blocks of the handlers, grouped by flow (a
#       "# <flow>" line before each group), each passed to
#       unix:SOCKET_DIR/<flow>.sock after `include INCLUDE;`; `post-limit`
#       locations get `limit_req zone=ts_post burst=BURST nodelay;`;
#       `upload` locations `client_max_body_size 8m;` (issue 13 — import);
#       --production leaves out the `dev` locations
#   scripts/flows.sh systemd-instances
#       the production flow names on one line, separated by spaces
#   scripts/flows.sh update
#       rewrites the generated parts of the committed files (below) in place
#   scripts/flows.sh check
#       exits 1, naming the file, when a generated part differs from what
#       `update` would write, when its marker lines are missing, or when the
#       site template is not generated (has a fastcgi_pass, lacks the
#       @FLOW_LOCATIONS@ line)
#
# Who uses what:
#   scripts/stack.sh                       `names` (its pools) and `nginx-locations`
#                                          (fills @FLOW_LOCATIONS@ of
#                                          nginx/teleservices-site.conf.in)
#   nginx/teleservices-production.conf     the lines between "# BEGIN flow locations"
#                                          and "# END flow locations" (update)
#   systemd/teleservices-handler@.service  the "for f in ...; do" line (update)
#   systemd/teleservices-handler@.socket   the "# Instances: ..." line (update)
#   CMakeLists.txt                         is to read flows.txt itself (tested)
#   tests/integration/flows_list.test.mjs  runs `check` and compares the files
#
# Environment: TS_FLOWS_FILE, the list to read (default <repo>/flows.txt; the
# files that update/check rewrite are always those of this script's checkout).
#
# flows.txt: one location a line, "flow match path options"; `#` starts a
# comment (at the start of a line or after a blank), blank lines are skipped.
#   flow     [a-z][a-z0-9_]*: the binary ts-<flow>, the socket <flow>.sock
#   match    `=` (exact) or `^~` (prefix, no regex checked after it)
#   path     starts with /
#   options  `-`, or post-limit, dev and/or upload separated by commas
#            post-limit  limit_req on form submissions (POST) per client
#            dev         development only: never in production
#            upload      file uploads: client_max_body_size 8m (the server's
#                        default elsewhere stays small); the route's own cap
#                        is Route::max_body (issue 13 — import)
# Exit status: 0 done, 1 check found something out of date, 2 bad usage or a
# bad flows.txt.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
flows_file=${TS_FLOWS_FILE:-$repo/flows.txt}

# What the committed production files are generated with (`update`, `check`).
production_conf=nginx/teleservices-production.conf
production_socket_dir=/run/teleservices
production_include=fastcgi_params
production_burst=10
begin_marker='    # BEGIN flow locations (generated from flows.txt by scripts/flows.sh update; do not edit)'
end_marker='    # END flow locations'
systemd_service=systemd/teleservices-handler@.service
systemd_socket=systemd/teleservices-handler@.socket
site_template=nginx/teleservices-site.conf.in

die() { echo "flows.sh: $*" >&2; exit 2; }

usage() {
  cat >&2 <<'EOF'
usage: scripts/flows.sh names [--production]
       scripts/flows.sh nginx-locations SOCKET_DIR INCLUDE BURST [--production]
       scripts/flows.sh systemd-instances
       scripts/flows.sh update
       scripts/flows.sh check
EOF
  exit 2
}

# ------------------------------------------------------------- reading flows.txt

# One entry per location, in file order.
loc_flow=() loc_match=() loc_path=() loc_post=() loc_dev=() loc_upload=()

load() {
  [[ -f $flows_file ]] || die "no such file: $flows_file"
  local line n=0 flow match path opts extra opt post dev upload
  local -a optlist
  local -A seen=()
  while IFS= read -r line || [[ -n $line ]]; do
    n=$((n + 1))
    line=${line%$'\r'}
    # Comments: a `#` at the start of the line or after a blank.
    [[ $line == \#* ]] && continue
    line=${line%%[[:blank:]]#*}
    [[ $line =~ ^[[:space:]]*$ ]] && continue
    read -r flow match path opts extra <<<"$line"
    local where="$flows_file:$n"
    [[ -n $opts ]] || die "$where: expected 4 columns (flow match path options), got: $line"
    [[ -z $extra ]] || die "$where: more than 4 columns: $line"
    [[ $flow =~ ^[a-z][a-z0-9_]*$ ]] || die "$where: bad flow name '$flow' (lower case, digits, _)"
    [[ $match == '=' || $match == '^~' ]] || die "$where: match must be = or ^~ (got '$match')"
    [[ $path == /* && $path != *[{}\;\"\']* ]] || die "$where: bad path '$path' (must start with /)"
    post=0 dev=0 upload=0
    if [[ $opts != - ]]; then
      IFS=, read -ra optlist <<<"$opts"
      for opt in "${optlist[@]}"; do
        case $opt in
          post-limit) post=1 ;;
          dev) dev=1 ;;
          upload) upload=1 ;;
          *) die "$where: unknown option '$opt' (post-limit, dev, upload, or - for none)" ;;
        esac
      done
    fi
    [[ -z ${seen["$match $path"]:-} ]] ||
      die "$where: location $match $path already given at line ${seen["$match $path"]}"
    seen["$match $path"]=$n
    loc_flow+=("$flow") loc_match+=("$match") loc_path+=("$path") loc_post+=("$post") loc_dev+=("$dev")
    loc_upload+=("$upload")
  done <"$flows_file"
  ((${#loc_flow[@]})) || die "$flows_file lists no flow"
}

# The flow names in first-appearance order; with production=1, only the flows
# that have at least one location which is not `dev`.
flow_names() {  # production(0|1)
  local i f
  local -A listed=()
  for i in "${!loc_flow[@]}"; do
    (($1 && loc_dev[i])) && continue
    f=${loc_flow[i]}
    [[ -n ${listed[$f]:-} ]] && continue
    listed[$f]=1
    echo "$f"
  done
}

# ---------------------------------------------------------------- generating

# The location blocks, grouped by flow (flows in first-appearance order, each
# flow's locations in file order), a blank line between groups. nginx picks an
# exact (=) match before any prefix and the longest ^~ prefix, so the order of
# the blocks does not change the routing.
nginx_locations() {  # socket_dir include burst production(0|1)
  local socket_dir=$1 include=$2 burst=$3 production=$4 f i first=1
  while IFS= read -r f; do
    ((first)) || echo
    first=0
    echo "    # $f"
    for i in "${!loc_flow[@]}"; do
      [[ ${loc_flow[i]} == "$f" ]] || continue
      ((production && loc_dev[i])) && continue
      echo "    location ${loc_match[i]} ${loc_path[i]} {"
      ((loc_post[i])) && echo "        limit_req zone=ts_post burst=$burst nodelay;"
      ((loc_upload[i])) && echo "        client_max_body_size 8m;"
      echo "        include $include;"
      echo "        fastcgi_pass unix:$socket_dir/$f.sock;"
      echo "    }"
    done
  done < <(flow_names "$production")
}

systemd_instances() {
  local names
  names=$(flow_names 1)
  echo "${names//$'\n'/ }"
}

# ------------------------------------------------------- the committed files

# Prints what `update` would write into a committed file (path relative to the
# repository). Dies when the file lacks the lines the generated part goes in.
render() {  # file
  local file=$1 abs=$repo/$1 count
  [[ -f $abs ]] || die "no such file: $file"
  case $file in
    "$production_conf")
      count=$(grep -cxF -- "$begin_marker" "$abs" || true)
      ((count == 1)) || die "$file: expected exactly one line '$begin_marker' (found $count)"
      count=$(grep -cxF -- "$end_marker" "$abs" || true)
      ((count == 1)) || die "$file: expected exactly one line '$end_marker' (found $count)"
      local block
      block=$(nginx_locations "$production_socket_dir" "$production_include" "$production_burst" 1)
      # Keep the markers, replace what is between them.
      BLOCK=$block BEGIN_MARKER=$begin_marker END_MARKER=$end_marker awk '
        $0 == ENVIRON["BEGIN_MARKER"] { print; print ENVIRON["BLOCK"]; skip = 1; next }
        $0 == ENVIRON["END_MARKER"] { if (!skip) { print "END marker before BEGIN" > "/dev/stderr"; exit 3 }; skip = 0 }
        !skip { print }
      ' "$abs" || die "$file: the BEGIN and END flow location markers are out of order"
      ;;
    "$systemd_service")
      count=$(grep -cE '^#[[:blank:]]+for f in .*; do$' "$abs" || true)
      ((count == 1)) || die "$file: expected exactly one comment line '#   for f in ...; do' (found $count)"
      LIST=$(systemd_instances) awk '
        /^#[ \t]+for f in .*; do$/ { i = index($0, "for f in "); print substr($0, 1, i - 1) "for f in " ENVIRON["LIST"] "; do"; next }
        { print }
      ' "$abs"
      ;;
    "$systemd_socket")
      count=$(grep -cE '^# Instances: ' "$abs" || true)
      ((count == 1)) || die "$file: expected exactly one comment line '# Instances: ...' (found $count)"
      LIST=$(systemd_instances) awk '
        /^# Instances: / { print "# Instances: " ENVIRON["LIST"]; next }
        { print }
      ' "$abs"
      ;;
    *) die "render: no generated part in $file" ;;
  esac
}

generated_files=("$production_conf" "$systemd_service" "$systemd_socket")

# A scratch file for the rendered text, removed on exit (also when render dies).
scratch() {
  scratch_file=$(mktemp "${TMPDIR:-/tmp}/flows.XXXXXX")
  trap 'rm -f "$scratch_file"' EXIT
}

update() {
  local file new
  scratch
  new=$scratch_file
  for file in "${generated_files[@]}"; do
    render "$file" >"$new"
    if cmp -s "$new" "$repo/$file"; then
      echo "flows.sh: $file is up to date"
    else
      cat "$new" >"$repo/$file"  # in place: keeps the file's mode
      echo "flows.sh: updated $file"
    fi
  done
  check_site_template || exit 1
}

# The private stack's template takes its locations from flows.txt at start-up:
# it must have the placeholder and no hand-written handler location.
check_site_template() {
  local abs=$repo/$site_template count ok=0
  [[ -f $abs ]] || { echo "flows.sh: no such file: $site_template" >&2; return 1; }
  count=$(grep -cxE '[[:blank:]]*@FLOW_LOCATIONS@' "$abs" || true)
  if ((count != 1)); then
    echo "flows.sh: $site_template must have exactly one line '    @FLOW_LOCATIONS@' (found $count); scripts/stack.sh fills it from flows.txt" >&2
    ok=1
  fi
  if grep -q 'fastcgi_pass' "$abs"; then
    echo "flows.sh: $site_template has a hand-written fastcgi_pass (line $(grep -n fastcgi_pass "$abs" | head -1 | cut -d: -f1)); handler locations belong in flows.txt" >&2
    ok=1
  fi
  return $ok
}

check() {
  local file new stale=0
  scratch
  new=$scratch_file
  for file in "${generated_files[@]}"; do
    # A file without the lines its generated part goes in fails the check too
    # (render, in a subshell here, has said why).
    if ! (render "$file") >"$new"; then
      stale=1
    elif ! cmp -s "$new" "$repo/$file"; then
      echo "flows.sh: $file is out of date with $flows_file; run scripts/flows.sh update. Differences (- committed, + generated):" >&2
      diff -u --label "$file (committed)" --label "$file (generated)" "$repo/$file" "$new" >&2 || true
      stale=1
    fi
  done
  check_site_template || stale=1
  ((stale == 0)) && echo "flows.sh: every file agrees with $flows_file"
  return $stale
}

# ---------------------------------------------------------------------- main

cmd=${1:-}
(($#)) && shift
production=0
case $cmd in
  names)
    [[ $# == 0 || ($# == 1 && $1 == --production) ]] || usage
    [[ ${1:-} == --production ]] && production=1
    load
    flow_names "$production"
    ;;
  nginx-locations)
    [[ $# == 3 || ($# == 4 && $4 == --production) ]] || usage
    [[ ${4:-} == --production ]] && production=1
    [[ $1 =~ ^[^[:space:]\;{}]+$ ]] || die "bad SOCKET_DIR '$1'"
    [[ $2 =~ ^[^[:space:]\;{}]+$ ]] || die "bad INCLUDE '$2'"
    [[ $3 =~ ^[0-9]+$ ]] || die "BURST must be a number (got '$3')"
    load
    nginx_locations "${1%/}" "$2" "$3" "$production"
    ;;
  systemd-instances)
    (($# == 0)) || usage
    load
    systemd_instances
    ;;
  update)
    (($# == 0)) || usage
    load
    update
    ;;
  check)
    (($# == 0)) || usage
    load
    if check; then exit 0; else exit 1; fi
    ;;
  *) usage ;;
esac
