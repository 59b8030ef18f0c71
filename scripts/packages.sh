# Package checks shared by ./ballotscan and the offline bundle's launcher (sourced, not run).
# Needs: packages_table (the path of packages.tsv) and say().
# shellcheck shell=bash

# The column of packages.tsv for this system, from /etc/os-release (BALLOTSCAN_DISTRO overrides it).
distribution() {
  if [ -n "${BALLOTSCAN_DISTRO:-}" ]; then echo "$BALLOTSCAN_DISTRO"; return 0; fi
  local ID="" VERSION_ID="" VERSION_CODENAME="" UBUNTU_CODENAME="" PRETTY_NAME=""
  # shellcheck disable=SC1091
  [ -r /etc/os-release ] && . /etc/os-release
  case "${UBUNTU_CODENAME:-}:${VERSION_CODENAME:-}:$ID:$VERSION_ID" in
    jammy:*|*:jammy:*|*:*:ubuntu:22.04) echo ubuntu-22.04 ;;
    noble:*|*:noble:*|*:*:ubuntu:24.04) echo ubuntu-24.04 ;;
    *:bookworm:*|*:*:debian:12) echo debian-12 ;;
    *) echo "unknown:${PRETTY_NAME:-unknown system}" ;;
  esac
}

# The package names of the given roles for this system; a role's package the system lacks is reported on stderr.
packages() {
  local column distro
  distro=$(distribution)
  if [[ "$distro" == unknown:* ]]; then
    say "不认识的系统：${distro#unknown:}。软件包按 Debian 12、Ubuntu 22.04、24.04 命名：用 BALLOTSCAN_DISTRO=debian-12|ubuntu-22.04|ubuntu-24.04 选最接近的一个。"
    say "this system (${distro#unknown:}) is not one BallotScan knows; packages are named for Debian 12, Ubuntu 22.04 and 24.04: set BALLOTSCAN_DISTRO to the closest"
    return 1
  fi
  column=$(awk -F'\t' -v d="$distro" '$1 == "role" { for (i = 2; i <= NF; i++) if ($i == d) print i }' "$packages_table")
  if [ -z "$column" ]; then say "$packages_table has no column $distro"; return 1; fi
  awk -F'\t' -v c="$column" -v roles=" $* " -v d="$distro" '
    /^#/ || $1 == "role" || NF < 2 { next }
    index(roles, " " $1 " ") == 0 { next }
    $c == "-" { printf "ballotscan: %s 没有此软件包 / has no package for: %s\n", d, $NF > "/dev/stderr"; next }
    { print $c }' "$packages_table"
}

missing_packages() {
  local missing=() package
  for package in $(packages "$@"); do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  echo "${missing[*]:-}"
}

# At run time: only check, never install.
check_run_packages() {
  local missing
  missing=$(missing_packages run) || return 0
  [ -z "$missing" ] && return 0
  say "缺少运行所需的软件包：$missing"
  say "在有网络时运行 ./ballotscan setup；或用离线安装包：其中的 ./ballotscan install 从随附的 .deb 文件安装。"
  say "these run-time packages are missing: $missing (run ./ballotscan setup once with the internet, or install the offline bundle)"
  exit 1
}

