#!/usr/bin/env bash
# The seal rounds (issue 20): the same held-out seeds with and without the election committee's seal stamped.
#   calibration/seal/rounds.sh <work folder> [scanner seed, default 3049] [camera seed, default 4016] [sheets, default 400]
# Three definitions, all the villagers' example: as it is (a seal stamped over the title), with a printed seal area
# (rules.sealArea) and with the seal required (rules.requireSeal, 9 in 10 ballots stamped). Each seed is read once without
# seals and once with; the marks and the capture are the same, only the seal differs. Report: confidently wrong (must be 0),
# avoidable review (with seals not above without), and unsealed ballots sent to a person (must be all).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
work=${1:?a work folder for the corpora}
scanner_seed=${2:-3049}
camera_seed=${3:-4016}
sheets=${4:-400}
./ballotscan setup
run() { dotnet src/BallotScan.Lab/bin/Release/net10.0/BallotScan.Lab.dll "$@"; }
mkdir -p "$work"
example=examples/villagers-committee.json
sed 's/"rules": { "preset": "villagers-committee-national" }/"rules": { "preset": "villagers-committee-national", "sealArea": true }/' "$example" > "$work/seal-area.json"
sed 's/"rules": { "preset": "villagers-committee-national" }/"rules": { "preset": "villagers-committee-national", "requireSeal": true }/' "$example" > "$work/seal-required.json"
grep -q sealArea "$work/seal-area.json" && grep -q requireSeal "$work/seal-required.json"
round() { # name definition conditions seed sheets seal-rate
  [ -d "$work/$1" ] || run synth "$2" --conditions "$3" --seed "$4" --sheets "$5" --seal-rate "$6" -o "$work/$1" > /dev/null
  echo "== $1 ($3, seed $4, seal rate $6)"
  run evaluate "$work/$1" -d "$2" --lang en | grep -E "^  (confidently wrong|sent to review|ballots rejected|seal) |CONFIDENTLY" || true
}
for conditions in scanner camera; do
  seed=$scanner_seed; n=$sheets
  [ "$conditions" = camera ] && seed=$camera_seed && n=$((sheets * 3 / 8))
  round "$conditions-plain" "$example" "$conditions" "$seed" "$n" 0
  round "$conditions-over-title" "$example" "$conditions" "$seed" "$n" 0.9
  round "$conditions-area" "$work/seal-area.json" "$conditions" "$seed" "$n" 0
  round "$conditions-area-stamped" "$work/seal-area.json" "$conditions" "$seed" "$n" 0.9
  round "$conditions-required" "$work/seal-required.json" "$conditions" "$seed" "$n" 0.9
done
