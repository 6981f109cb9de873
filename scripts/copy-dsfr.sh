#!/usr/bin/env bash
# Copies what templates/web/layout.tpl needs from the DSFR package
# (node_modules/@gouvfr/dsfr/dist) to htdocs/dsfr/, which nginx serves as /dsfr/.
#
#   scripts/copy-dsfr.sh [DIST_DIR [DEST_DIR]]
#
# Defaults: <repo>/node_modules/@gouvfr/dsfr/dist -> <repo>/htdocs/dsfr.
# DEST_DIR is generated: it is emptied and rebuilt on each run (idempotent).
# Layout kept from dist/ so the relative url(...) in the CSS resolve:
#   dsfr.min.css, dsfr.print.min.css   -> fonts/, icons/
#   utility/icons/icons.min.css        -> ../../icons/ (the fr-icon-* classes)
#   dsfr.module.min.js (optional enhancement; its source map too)
#   favicon/, artwork/pictograms/ (portal tiles, <use href>)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dist=${1:-$repo/node_modules/@gouvfr/dsfr/dist}
dest=${2:-$repo/htdocs/dsfr}

required=(
  dsfr.min.css dsfr.print.min.css dsfr.module.min.js
  utility/icons/icons.min.css
  fonts icons favicon artwork/pictograms
)
for f in "${required[@]}"; do
  if [[ ! -e $dist/$f ]]; then
    echo "copy-dsfr: $dist/$f is missing; run 'npm ci' (or npm install) first" >&2
    exit 1
  fi
done

# Refuse to empty anything that does not look like our generated folder.
case $(basename "$dest") in
  dsfr) ;;
  *) echo "copy-dsfr: destination must be a folder named 'dsfr' (got $dest)" >&2; exit 1 ;;
esac

mkdir -p "$(dirname "$dest")"
tmp=$(mktemp -d "$(dirname "$dest")/.dsfr.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cp "$dist"/dsfr.min.css "$dist"/dsfr.print.min.css "$tmp"/
cp "$dist"/dsfr.module.min.js "$tmp"/
mkdir -p "$tmp"/utility/icons "$tmp"/artwork
cp "$dist"/utility/icons/icons.min.css "$tmp"/utility/icons/
# Fonts: woff2 for every current browser, woff as DSFR's own fallback.
mkdir -p "$tmp"/fonts
cp "$dist"/fonts/*.woff2 "$dist"/fonts/*.woff "$tmp"/fonts/
cp -R "$dist"/icons "$tmp"/icons
cp -R "$dist"/favicon "$tmp"/favicon
cp -R "$dist"/artwork/pictograms "$tmp"/artwork/pictograms
# The .min.js ends with a sourceMappingURL comment: ship the map too so
# browser tools do not log a 404.
if [[ -e $dist/dsfr.module.min.js.map ]]; then cp "$dist"/dsfr.module.min.js.map "$tmp"/; fi
cp "$dist"/../LICENSE.md "$tmp"/LICENSE.md 2>/dev/null || true
chmod -R u=rwX,go=rX "$tmp"

rm -rf "$dest"
mv "$tmp" "$dest"
trap - EXIT
version=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$dist"/../package.json 2>/dev/null | head -n1)
echo "copy-dsfr: DSFR ${version:-?} copied to $dest"
