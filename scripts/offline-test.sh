#!/usr/bin/env bash
# The venue's way, tested (run by ./ballotscan test after the unit tests; issue 21): after ./ballotscan setup, `read`,
# `count` and `serve` run inside a network namespace with no network (unshare -n), with apt and the .NET SDK off the PATH,
# and nothing is rebuilt even with a source file newer than the build; a busy port and a data folder in use are refused in
# words with a non-zero exit; the offline bundle, unpacked in a fresh folder, runs there without any .NET on the PATH and
# its count equals the source tree's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
checks=0
ok() { checks=$((checks + 1)); echo "offline: ok   $*" >&2; }
fail() { echo "offline: FAILED $*" >&2; exit 1; }
if [ "$(id -u)" -ne 0 ] || ! unshare -n true 2>/dev/null; then
  echo "offline: not run: a network namespace (unshare -n) needs root, which CI has" >&2
  exit 0
fi

work=$(mktemp -d /tmp/ballotscan-offline-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/home" "$work/dotnet"

# A PATH holding everything but apt and .NET's SDK: the .NET runtime alone (the muxer with host/ and shared/, no sdk/).
for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
  for f in "$d"/*; do
    n=$(basename "$f")
    case "$n" in apt|apt-get|apt-cache|aptitude|dotnet|curl|wget) continue ;; esac
    [ -e "$work/bin/$n" ] || ln -s "$f" "$work/bin/$n"
  done
done
dotnet_home=$(dirname "$(readlink -f "$(command -v dotnet)")")
cp "$dotnet_home/dotnet" "$work/dotnet/dotnet"
ln -s "$dotnet_home/host" "$work/dotnet/host"
ln -s "$dotnet_home/shared" "$work/dotnet/shared"
mkdir -p "$work/runtime-bin" && ln -s "$work/dotnet/dotnet" "$work/runtime-bin/dotnet"

# Offline: no network but loopback, nothing of apt, .NET's runtime without its SDK (or, for the bundle, no .NET at all).
offline() { unshare -n env -i PATH="$work/runtime-bin:$work/bin" HOME="$work/home" bash -c 'ip link set lo up && "$@"' offline "$@"; }
bare() { unshare -n env -i PATH="$work/bin" HOME="$work/home" bash -c 'ip link set lo up && "$@"' bare "$@"; }

offline bash -c '! command -v apt-get && ! dotnet build --help >/dev/null 2>&1' >/dev/null || fail "apt or the .NET SDK is still reachable"
ok "apt and the .NET SDK are off the PATH, the network is down"

# The scans are made with the network on (by the program itself); a source file is then made newer than the build.
./ballotscan synth examples/villagers-committee.json --sheets 24 --seed 2151 -o "$work/scans" >/dev/null 2>&1 || fail "synth"
dll=src/BallotScan.Lab/bin/Release/net10.0/BallotScan.Lab.dll
before=$(stat -c %Y "$dll")
touch -r src/BallotScan.Host/Program.cs "$work/program-time"
touch src/BallotScan.Host/Program.cs
restore() { touch -r "$work/program-time" src/BallotScan.Host/Program.cs; }
trap 'restore; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

first=$(ls "$work/scans/sheets" | head -1)
offline ./ballotscan read "$work/scans/sheets/$first" -d examples/villagers-committee.json > "$work/read.txt" 2>&1 || { cat "$work/read.txt" >&2; fail "read"; }
ok "read offline"
# From another folder, a path is the user's (a file beside them), not one in the program's folder.
mkdir -p "$work/elsewhere" && cp examples/villagers-committee.json "$work/elsewhere/我的选举.json"
repo="$PWD"
(cd "$work/elsewhere" && offline "$repo/ballotscan" election validate 我的选举.json) > "$work/elsewhere.txt" 2>&1 || { cat "$work/elsewhere.txt" >&2; fail "a definition beside the user, run from another folder"; }
grep -q "检查通过" "$work/elsewhere.txt" || { cat "$work/elsewhere.txt" >&2; fail "a definition beside the user was not read"; }
ok "run from another folder: the user's own paths"
offline ./ballotscan count examples/villagers-committee.json "$work/scans/sheets" -o "$work/count-source" > "$work/count.txt" 2>&1 || { cat "$work/count.txt" >&2; fail "count"; }
[ -s "$work/count-source/result.csv" ] || fail "count wrote no result.csv"
ok "count offline"

# serve, offline: it answers; a second station on its port, or on its data folder, is refused in words before it starts.
offline bash -c '
  ./ballotscan serve --election examples/villagers-committee.json --data "$1/station" --urls http://127.0.0.1:5191 > "$1/serve.txt" 2>&1 &
  station=$!
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/5191) 2>/dev/null && break; sleep 0.2; done
  exec 3<>/dev/tcp/127.0.0.1/5191 && printf "GET /login HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3 && head -1 <&3 > "$1/login.txt"
  ./ballotscan serve --election examples/villagers-committee.json --data "$1/other" --urls http://127.0.0.1:5191 > "$1/port.txt" 2>&1; echo $? > "$1/port.code"
  ./ballotscan serve --election examples/villagers-committee.json --data "$1/station" --urls http://127.0.0.1:5192 > "$1/folder.txt" 2>&1; echo $? > "$1/folder.code"
  kill $station; wait $station || true' serve "$work"
grep -q " 200 " "$work/login.txt" || { cat "$work/serve.txt" >&2; fail "serve did not answer offline"; }
ok "serve offline: the sign-in page answers"
[ "$(cat "$work/port.code")" = 2 ] && grep -q "端口" "$work/port.txt" && ! grep -q -e "BallotScan 计票站" -e "BallotScan station for" "$work/port.txt" || { cat "$work/port.txt" >&2; fail "a busy port was not refused in words"; }
ok "a busy port: refused in words, exit 2, nothing claimed to be up"
[ "$(cat "$work/folder.code")" = 2 ] && grep -q "数据文件夹" "$work/folder.txt" || { cat "$work/folder.txt" >&2; fail "a data folder in use was not refused"; }
ok "a data folder in use: refused in words, exit 2"

[ "$(stat -c %Y "$dll")" = "$before" ] || fail "the program was rebuilt"
ok "nothing was rebuilt (a source file newer than the build)"
restore

# The bundle (made with the network on), unpacked in a fresh folder, run with no .NET at all.
scripts/bundle.sh -o "$work/bundle" >/dev/null 2>&1 || fail "bundle"
mkdir "$work/fresh"
tar -C "$work/fresh" -xzf "$work"/bundle/ballotscan-*.tar.gz
bundled=$(ls -d "$work"/fresh/ballotscan-*)
bare bash -c '! command -v dotnet' >/dev/null || fail "dotnet is still on the bare PATH"
# The venue's program carries no laboratory: no generator, no evaluation, no fitting (BallotScan.Lab).
[ ! -e "$bundled/app/BallotScan.Lab.dll" ] || fail "the bundle carries the lab (BallotScan.Lab.dll)"
(cd "$bundled" && bare ./ballotscan synth examples/villagers-committee.json --sheets 1 -o "$work/bundle-synth") > "$work/bundle-synth.txt" 2>&1 && fail "the bundle offers synth"
(cd "$bundled" && bare ./ballotscan count examples/villagers-committee.json "$work/scans/sheets" -o "$work/count-bundle") > "$work/bundle-count.txt" 2>&1 || { cat "$work/bundle-count.txt" >&2; fail "the bundle's count"; }
for f in result.csv result.json cast-vote-records.csv cast-vote-records.json; do
  cmp -s "$work/count-source/$f" "$work/count-bundle/$f" || fail "the bundle's $f differs from the source tree's"
done
# Every reading the same but for the time it took (readMs, which the archive keeps too, so the two roots differ).
untimed() { sed -E 's/"readMs":[0-9.eE+-]+,?//g' "$1"; }
cmp -s <(untimed "$work/count-source/interpretations.jsonl") <(untimed "$work/count-bundle/interpretations.jsonl") || fail "the bundle read a sheet otherwise"
ok "the bundle holds no lab; unpacked afresh, it counts offline without .NET installed: result, records and every reading equal the source tree's"
# The bundle's launcher, from another folder, takes the user's paths as theirs too.
(cd "$work/elsewhere" && bare "$bundled/ballotscan" election validate 我的选举.json) > "$work/bundle-elsewhere.txt" 2>&1 || { cat "$work/bundle-elsewhere.txt" >&2; fail "the bundle, run from another folder"; }
grep -q "检查通过" "$work/bundle-elsewhere.txt" || { cat "$work/bundle-elsewhere.txt" >&2; fail "the bundle did not read a definition beside the user"; }
ok "the bundle run from another folder: the user's own paths"
echo "offline: $checks checks passed" >&2
