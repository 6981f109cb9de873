#!/usr/bin/env bash
# Installs what building, running and testing Téléservices needs, and only what
# is missing: Debian 12 packages (apt-get, as root) and the npm packages of
# package.json (DSFR, playwright-core, axe-core) into node_modules/.
# Idempotent: a second run with everything present changes nothing and is quick.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(
  build-essential cmake pkg-config
  mariadb-server mariadb-client libmysqlcppconn-dev
  libctemplate-dev libfcgi-dev libfcgi-bin spawn-fcgi
  libargon2-dev libcurl4-openssl-dev libssl-dev libboost-test-dev
  libcgicc-dev libgmime-3.0-dev libinih-dev libutf8proc-dev
  # staff side (issue 12): TOTP, QR codes, CSV; the tools the unit tests read them with
  liboath-dev libqrencode-dev libcsv-dev oathtool zbar-tools librsvg2-bin
  nginx-light python3-aiosmtpd tidy chromium curl multiwatch
  # make fuzz (clang with libFuzzer), make lint (clang-tidy, run-clang-tidy, cppcheck)
  clang-14 libclang-rt-14-dev clang-tidy-14 clang-tools-14 cppcheck
  # the staff tests: TOTP codes computed by oathtool, QR codes read back by zbarimg
  oathtool zbar-tools
  # issue 13 — courriers: letters as PDF (cairo + pango, DejaVu), read back by pdftotext/pdftoppm and zbarimg
  libcairo2-dev libpango1.0-dev poppler-utils zbar-tools fonts-dejavu-core
)
# node/npm may come from elsewhere (nodesource, nvm...): only ask Debian for
# them when there is none at all.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  if ((EUID != 0)); then
    echo "deps.sh: missing Debian packages: ${missing[*]}" >&2
    echo "deps.sh: run as root (or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "deps.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm packages. The stamp npm itself writes (node_modules/.package-lock.json)
# tells whether node_modules matches package-lock.json. --ignore-scripts: none
# of our packages needs an install script (playwright-core downloads nothing;
# we use Debian's chromium).
cd "$repo"
stamp=node_modules/.package-lock.json
if [[ -f package-lock.json ]]; then
  if [[ ! -f $stamp || package-lock.json -nt $stamp ]]; then
    echo "deps.sh: npm ci"
    npm ci --ignore-scripts --no-audit --no-fund
    touch "$stamp"
  fi
elif [[ ! -d node_modules || package.json -nt $stamp ]]; then
  echo "deps.sh: npm install"
  npm install --ignore-scripts --no-audit --no-fund
  touch "$stamp"
fi
