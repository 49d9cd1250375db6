#!/usr/bin/env bash
# The README's main job. Today: builds weft and validates the shipped bookinfo configuration.
# (The agent issue turns this into a demo mesh in network namespaces on this machine.)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash Scripts/install-test-deps.sh
swift build -c release --product weft
BIN="$(swift build -c release --show-bin-path)/weft"
echo "== weft version"
"$BIN" version
echo "== weft validate -f Scripts/examples/bookinfo.yaml"
"$BIN" validate -f Scripts/examples/bookinfo.yaml
