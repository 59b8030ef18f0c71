#!/usr/bin/env bash
# Leave writers out: for each fold of writers, fit the classifier without them and read ballots carrying their real marks.
# Figures are reported only on writers the fit did not see. Fold 2 is the one the shipped classifier leaves out.
#   calibration/real-marks/evaluate-folds.sh <work folder> [first seed, default 6201] [sheets, default 600]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
work=${1:?a work folder for the fits and corpora}
seed=${2:-6201}
sheets=${3:-600}
pack=calibration/real-marks/hand-drawn-shapes.bin.gz
./ballotscan setup
run() { dotnet src/BallotScan.Lab/bin/Release/net10.0/BallotScan.Lab.dll "$@"; }
mkdir -p "$work"
for fold in 0 1 2; do
  fit="$work/fit-without-fold-$fold.json"
  [ -f "$fit" ] || run calibrate --hold-out-fold "$fold" -o "$fit" > "$work/fit-$fold.log"
  for conditions in scanner camera; do
    corpus="$work/fold-$fold-$conditions"
    n=$sheets; [ "$conditions" = camera ] && n=$((sheets / 2))
    [ -d "$corpus" ] || run synth examples/villagers-committee.json --sheets "$n" --seed "$seed" --conditions "$conditions" \
      --real-marks "$pack" --real-mark-fold "$fold" --real-mark-rate 0.8 --other-mark-rate 0.25 -o "$corpus" > /dev/null
    seed=$((seed + 1))
    echo "== fold $fold ($conditions), fitted without its writers"
    run evaluate "$corpus" --calibration "$fit" --lang en | grep -E "confidently (right|wrong)|sent to review|^  (real|writer) |threshold alone|CONFIDENTLY" || true
  done
done
