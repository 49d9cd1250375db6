#!/usr/bin/env bash
# The README's main job. Today: builds weft, validates the shipped bookinfo configuration and explains a few
# calls offline against it (the agent issue turns this into a demo mesh in network namespaces on this machine).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash Scripts/install-test-deps.sh
swift build -c release --product weft
BIN="$(swift build -c release --show-bin-path)/weft"
CONFIG=Scripts/examples/bookinfo.yaml
REGISTRY=Scripts/examples/bookinfo-registry.yaml

echo "== weft version"
"$BIN" version
echo "== weft validate -f $CONFIG"
"$BIN" validate -f "$CONFIG"

echo
echo "== jason's requests go to reviews v2"
echo "\$ weft explain -f $CONFIG --registry $REGISTRY --from productpage-v1 reviews:9080 --header end-user=jason"
"$BIN" explain -f "$CONFIG" --registry "$REGISTRY" --from productpage-v1 reviews:9080 --header end-user=jason

echo
echo "== everyone else: the 80/20 canary over reviews v1 and v3, 1000 picks"
echo "\$ weft explain -f $CONFIG --registry $REGISTRY --from productpage-v1 reviews --samples 1000"
"$BIN" explain -f "$CONFIG" --registry "$REGISTRY" --from productpage-v1 reviews --samples 1000

echo
echo "== productpage may not call ratings (only reviews may): denied, exit 2"
echo "\$ weft explain -f $CONFIG --registry $REGISTRY --from productpage-v1 ratings:9080"
status=0
"$BIN" explain -f "$CONFIG" --registry "$REGISTRY" --from productpage-v1 ratings:9080 || status=$?
if [ "$status" -ne 2 ]; then
    echo "expected exit 2 for a denied call, got $status" >&2
    exit 1
fi
echo "(exit $status: denied)"
