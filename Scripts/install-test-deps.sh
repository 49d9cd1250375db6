#!/usr/bin/env bash
# Installs what the test suite needs on Debian 12 (as root). Idempotent: does nothing when all is present.
set -euo pipefail

# util-linux: nsenter (network-namespace tests); coreutils: timeout.
APT_PACKAGES=(libnftnl-dev libmnl-dev nftables iproute2 pkg-config util-linux coreutils)

missing=()
for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
    echo "installing: ${missing[*]}" >&2
    if [[ $(id -u) -ne 0 ]]; then
        echo "error: run as root to install packages (sudo bash $0)" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if ! command -v swift >/dev/null; then
    echo "error: no Swift toolchain on PATH (Swift 6.3 is expected at /opt/swift/usr/bin)" >&2
    exit 1
fi
