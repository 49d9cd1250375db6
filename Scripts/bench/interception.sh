#!/usr/bin/env bash
# Interception speed: time to enroll 1 and 100 network namespaces (nftables rules + policy routing + the five
# listeners), to re-apply an unchanged plan, to verify and to remove. Needs root. Debug build by default (what
# `swift test` builds); pass -c release to measure an optimized build.
# Writes bench-results/interception-<timestamp>.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
if [[ $(id -u) -ne 0 ]]; then
    echo "error: run as root (network namespaces, nftables)" >&2
    exit 1
fi
bash Scripts/install-test-deps.sh
swift build --build-tests "$@" >&2
mkdir -p bench-results
out="bench-results/interception-$(date +%Y%m%d-%H%M%S).md"
log=$(mktemp)
WEFT_BENCH=1 swift test --skip-build "$@" --filter InterceptionBenchmark 2>&1 | tee "$log" >&2
{
    echo "# Interception benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, kernel $(uname -r), build: ${*:-debug})"
    echo
    grep '^|' "$log"
} >"$out"
rm -f "$log"
cat "$out"
