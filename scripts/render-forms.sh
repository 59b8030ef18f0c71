#!/usr/bin/env bash
# Renders docs/forms/: the ballot and the result report of a villagers', a residents' and a party election, from the PDFs
# `./ballotscan demo` writes for each example (pdftoppm, 60 dpi).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
render() { # example sheets
  local id
  ./ballotscan demo -d "examples/$1.json" --sheets "$2" -o "$work/$1" > "$work/$1.log"
  id=$(sed -n 's/^ *"id": "\(.*\)",$/\1/p' "examples/$1.json" | head -1)
  rm -f "docs/forms/ballot-$1"-*.png "docs/forms/report-$1"-*.png
  pdftoppm -r 60 -png "$work/$1/$id-A.pdf" "docs/forms/ballot-$1"
  pdftoppm -r 60 -png "$work/$1/result/result.pdf" "docs/forms/report-$1"
}
render villagers-committee 700
render residents-committee 700
render party-committee 56
ls docs/forms
