#!/usr/bin/env bash
# The import's timing (issue 13, docs/IMPORT.md; figures in docs/PERFORMANCE.md
# "Import"): 1,000 pupils in 40 classes and 2,000 responsables (two per
# pupil, with addresses, phones and mails) generated as CSV, then through
# `teleservices-admin import` against a private MariaDB
# (tests/support/with_mariadb.sh): the preview (--dry-run), the import, the
# same files again (nothing changes), and the files with 50 pupils gone and
# 100 changed. Prints one line per step with its wall time.
#   bench/import.sh            (after `make build`; TS_BUILD: another build folder)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TS_BUILD=${TS_BUILD:-build}
if [[ -z ${TS_TEST_CONF:-} ]]; then exec tests/support/with_mariadb.sh "$0" "$@"; fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/ts-bench-import.XXXXXX")
trap 'rm -rf "$dir"' EXIT
admin=("$TS_BUILD/teleservices-admin" --config "$TS_TEST_CONF")
"${admin[@]}" demo >/dev/null  # the demo school, 0869999X

generate() {  # pupils responsables changed_from gone_from
  awk -v changed="$3" -v gone="$4" -v pupils="$1" -v resp="$2" 'BEGIN {
    print "ELEVE_ID;INE;NOM;PRENOM;DATE_NAISS;DIVISION;DATE_ENTREE;DATE_SORTIE" > pupils
    print "PERSONNE_ID;ELEVE_ID;CIVILITE;NOM;PRENOM;LIEN;RESP_LEGAL;ADRESSE;CODE_POSTAL;COMMUNE;TEL_PERSONNEL;TEL_PORTABLE;TEL_PROFESSIONNEL;MEL;ACCEPTE_SMS" > resp
    for (i = 1; i <= 1000; i++) {
      if (i >= gone) continue
      klass = (i >= changed ? "3 " : "4 ") sprintf("%c", 65 + i % 40 % 26) (i % 40 >= 26 ? "2" : "")
      printf "%d;%010dA;Élève%d;Prénom%d;%02d/%02d/2012;%s;01/09/2024;\n", 500000 + i, i, i, i, 1 + i % 28, 1 + i % 12, klass > pupils
      printf "%d;%d;MME;Élève%d;Mère%d;MERE;1;%d rue des Œillets;86000;Poitiers;05 49 00 %02d %02d;06 12 %02d %02d 00;;mere%d@example.org;OUI\n", 700000 + 2 * i, 500000 + i, i, i, i, i % 100, i % 97, i % 100, i % 89, i > resp
      printf "%d;%d;M.;Élève%d;Père%d;PERE;2;%d avenue de la Forêt;86180;Buxerolles;;07 11 %02d %02d 00;05 49 11 22 33;pere%d@example.org;NON\n", 700001 + 2 * i, 500000 + i, i, i, i, i % 100, i % 97, i > resp
    }
  }'
}

step() {  # label args…
  local label=$1 start end
  shift
  start=$(date +%s.%N)
  "${admin[@]}" import --uai 0869999X "$@" >"$dir/out.txt" || { cat "$dir/out.txt"; exit 1; }
  end=$(date +%s.%N)
  printf '%-44s %6.2f s   %s\n' "$label" "$(echo "$end - $start" | bc)" "$(grep '^Changements' "$dir/out.txt" | cut -c15-)"
}

generate "$dir/eleves.csv" "$dir/responsables.csv" 100000 100000
generate "$dir/eleves2.csv" "$dir/responsables2.csv" 901 951
files=(--eleves "$dir/eleves.csv" --responsables "$dir/responsables.csv")
echo "1,000 pupils, 2,000 responsables ($(wc -c <"$dir/eleves.csv") + $(wc -c <"$dir/responsables.csv") bytes)"
step "preview (--dry-run), empty school" "${files[@]}" --dry-run
step "import" "${files[@]}"
step "the same files again" "${files[@]}"
step "preview: 50 gone, 50 changed class" --eleves "$dir/eleves2.csv" --responsables "$dir/responsables2.csv" --dry-run
step "import: 50 gone, 50 changed class" --eleves "$dir/eleves2.csv" --responsables "$dir/responsables2.csv"
