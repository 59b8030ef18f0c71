#!/usr/bin/env bash
# ./ballotscan bundle [--with-debs] [-o <folder>]: one folder, and a .tar.gz of it, that installs and runs BallotScan on
# a machine without internet (计票现场离线安装包):
#   app/            the program, self-contained (.NET included) with the native shim
#   ballotscan      the launcher: runs the program, checks the run-time packages, never calls the network
#   ballotscan install   (as root) installs the run-time packages from debs/ without the network
#   debs/           with --with-debs: the .deb files of the run-time packages and what they need, for this distribution
#   examples/, packages.tsv, packages.sh, 安装说明.txt
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=out/bundle
with_debs=0
while [ $# -gt 0 ]; do
  case "$1" in
    --with-debs) with_debs=1 ;;
    -o) out="$2"; shift ;;
    *) echo "ballotscan bundle: unknown option $1 (--with-debs, -o <folder>)" >&2; exit 2 ;;
  esac
  shift
done

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
name="ballotscan-$version-linux-x64"
dir="$out/$name"
rm -rf "$dir" "$out/$name.tar.gz"
mkdir -p "$dir"
echo "ballotscan: publishing the program (self-contained) into $dir/app…" >&2
if ! dotnet publish src/BallotScan.Host/BallotScan.Host.csproj -c Release -r linux-x64 --self-contained true --nologo -v quiet \
     -o "$dir/app" > "$out/publish.log" 2>&1; then
  cat "$out/publish.log" >&2
  exit 1
fi

cp -r examples "$dir/examples"
cp scripts/packages.tsv scripts/packages.sh "$dir/"
cat > "$dir/ballotscan" <<'LAUNCHER'
#!/usr/bin/env bash
# BallotScan, installed from the offline bundle. Runs without the internet; never installs anything unless asked.
#   ./ballotscan install      (as root) the run-time packages from debs/, offline
#   ./ballotscan <command>    any command of the program (serve, count, read, …; --help lists them)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
packages_table="$here/packages.tsv"
say() { printf 'ballotscan: %s\n' "$*" >&2; }
# shellcheck source=packages.sh
. "$here/packages.sh"
if [ "${1:-}" = install ]; then
  if [ "$(id -u)" -ne 0 ]; then say "请以 root 运行 / run as root: sudo ./ballotscan install"; exit 1; fi
  if ! compgen -G "$here/debs/*.deb" >/dev/null; then say "此安装包不含 .deb 文件（用 ./ballotscan bundle --with-debs 生成）。 / this bundle holds no .deb files (made without --with-debs)"; exit 1; fi
  apt-get install -y --no-download --no-install-recommends "$here"/debs/*.deb
  exit 0
fi
check_run_packages
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec "$here/app/BallotScan.Host" "$@"
LAUNCHER
chmod +x "$dir/ballotscan"
cat > "$dir/安装说明.txt" <<'NOTE'
BallotScan 离线安装（计票现场的电脑不需要联网）

1. 把本文件夹（或 .tar.gz 解压后）复制到计票电脑上，例如 /opt/ballotscan。
2. 若安装包含 debs/ 文件夹：以 root 运行 sudo ./ballotscan install，从随附的 .deb 文件安装运行所需的软件包（不联网）。
3. ./ballotscan info 检查一切是否就绪；./ballotscan serve --election examples/villagers-committee.json 启动计票工作站。
   之后不会联网、不会安装或重新构建任何东西。

Offline install: copy this folder to the venue machine; with debs/, run sudo ./ballotscan install once; then
./ballotscan info and ./ballotscan serve … run without the internet.
NOTE

if [ "$with_debs" -eq 1 ]; then
  mkdir -p "$dir/debs"
  packages_table=scripts/packages.tsv
  say() { printf 'ballotscan: %s\n' "$*" >&2; }
  # shellcheck source=packages.sh
  . scripts/packages.sh
  # The run-time packages and everything they depend on, resolved by apt as if nothing were installed (one choice among
  # alternatives, no recommends), downloaded without installing anything here.
  : > "$out/empty-status"
  mkdir -p "$dir/debs/partial"
  # shellcheck disable=SC2046
  apt-get install --download-only -y -qq --no-install-recommends -o Dir::State::status="$out/empty-status" \
    -o Dir::Cache::archives="$dir/debs" $(packages run) >/dev/null
  rm -rf "$dir/debs/partial" "$dir/debs/lock" "$out/empty-status"
  echo "ballotscan: $(ls "$dir/debs" | wc -l) .deb files in $dir/debs" >&2
fi

tar -C "$out" -czf "$out/$name.tar.gz" "$name"
echo "ballotscan: $out/$name.tar.gz ($(du -sh "$out/$name.tar.gz" | cut -f1)) and the folder $dir" >&2
