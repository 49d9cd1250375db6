#!/usr/bin/env bash
# The whole test suite: dependencies, formatting lint, build, every test (unit and integration).
# Integration tests need root (network namespaces, nftables); run as root, as CI does.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash Scripts/install-test-deps.sh

echo "== swift format lint --strict" >&2
swift format lint --strict --recursive Package.swift Sources Tests

echo "== swift build --build-tests" >&2
swift build --build-tests

echo "== swift test" >&2
swift test --skip-build
