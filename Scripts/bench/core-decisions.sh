#!/usr/bin/env bash
# Decision speed of the shared core (issue 3, item 11): nanoseconds per L4 and L7 decision on a synthetic snapshot
# of 1,000 services × 10 endpoints with 100 http rules per host, and heap allocations per decision.
#
# Builds weft-bench-core in release, then under valgrind (root not needed, except to apt-get install valgrind):
# - allocations per decision: memcheck's "total heap usage" of one run with every counted kind at N1 decisions and
#   one run per kind with that kind at N2: (allocs(N2) − allocs(N1)) / (N2 − N1);
# - instructions per decision: one callgrind run collecting only inside the benchmark's loops (repeatable, unlike
#   times on a shared machine);
# then times every kind (ContinuousClock and thread CPU time; warm-up, repetitions, median) on the full mesh and
# writes the table to bench-results/core-decisions-<timestamp>.md and stdout.
#
#   Scripts/bench/core-decisions.sh [--no-valgrind] [--profile] [-- weft-bench-core arguments…]
#
# --profile also writes the top functions of the L4 and L7 decisions by instructions (callgrind, inclusive and
# self) to bench-results/core-decisions-profile-<timestamp>.txt.
# Environment: VALGRIND_SERVICES (services in the mesh of the valgrind runs, default 20: the per-decision counts
# do not depend on it, only the set-up time under valgrind does), ALLOC_N1 / ALLOC_N2 (default 1000 / 5000).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"

valgrind=1
profile=0
while [[ $# -gt 0 ]]; do
    case "$1" in
    --no-valgrind) valgrind=0 ;;
    --profile) profile=1 ;;
    --) shift; break ;;
    *) echo "usage: $0 [--no-valgrind] [--profile] [-- weft-bench-core arguments…]" >&2; exit 64 ;;
    esac
    shift
done

swift build -c release --product weft-bench-core >&2
bin="$(swift build -c release --show-bin-path)/weft-bench-core"
# Kind → the loop function that makes its decisions (DecisionBench.swift).
declare -A loops=([classify]=runClassify [route-l4]=runRouteL4 [pick]=runPick [balancer]=runBalancer [l4]=runL4
    [route-l7]=runRouteHTTP [l7]=runL7 [authz]=runAuthorization)
all_kinds=(classify route-l4 pick balancer l4 route-l7 l7 authz)
alloc_kinds=(route-l4 balancer l4 route-l7 l7 authz)
n1=${ALLOC_N1:-1000}
n2=${ALLOC_N2:-5000}
services=${VALGRIND_SERVICES:-20}
stamp=$(date +%Y%m%d-%H%M%S)
mkdir -p bench-results

if [[ $valgrind -eq 1 ]] && ! command -v valgrind >/dev/null; then
    if [[ $(id -u) -eq 0 ]]; then
        apt-get install -y valgrind >&2 || { apt-get update >&2 && apt-get install -y valgrind >&2; }
    else
        echo "warning: valgrind is missing and installing it needs root: no allocation or instruction counts" >&2
        valgrind=0
    fi
fi
[[ $valgrind -eq 1 ]] || profile=0

# Same seed and set-up every run; deterministic hashing so that dictionaries grow the same way too.
export SWIFT_DETERMINISTIC_HASHING=1

# Total heap allocations of one run making the given numbers of decisions.
heap_allocs() {
    valgrind --tool=memcheck --leak-check=no "$bin" --services "$services" --count "$1" 2>&1 >/dev/null |
        sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,
}

# counts KIND → "route-l4=N1,…,KIND=N2,…" over the counted kinds.
counts() {
    local list=() kind
    for kind in "${alloc_kinds[@]}"; do list+=("$kind=$([[ $kind == "$1" ]] && echo "$n2" || echo "$n1")"); done
    (IFS=,; echo "${list[*]}")
}

# Runs callgrind over N decisions of each given kind; prints the output file. With one kind, collects only inside
# its loop (callgrind honours a single --toggle-collect); with several, collects everything and the loops'
# inclusive costs tell the kinds apart.
callgrind_run() {
    local n=$1 out options=() list=() kind
    shift
    out=$(mktemp)
    [[ $# -eq 1 ]] && options+=(--toggle-collect="*DecisionBench*${loops[$1]}y*")
    for kind in "$@"; do list+=("$kind=$n"); done
    valgrind --tool=callgrind --callgrind-out-file="$out" "${options[@]}" "$bin" --services "$services" \
        --count "$(IFS=,; echo "${list[*]}")" >/dev/null 2>&1
    echo "$out"
}

extra=()
if [[ $valgrind -eq 1 ]]; then
    echo "allocations: memcheck, ${#alloc_kinds[@]} + 1 runs of a ${services}-service mesh…" >&2
    base=$(heap_allocs "$(counts none)")
    [[ -n $base ]] || { echo "error: no heap summary from valgrind" >&2; exit 1; }
    per_kind=()
    for kind in "${alloc_kinds[@]}"; do
        total=$(heap_allocs "$(counts "$kind")")
        per=$(awk -v a="$total" -v b="$base" -v n="$((n2 - n1))" 'BEGIN { printf "%.4f", (a - b) / n }')
        echo "  $kind: ($total − $base) / $((n2 - n1)) = $per per decision" >&2
        per_kind+=("$kind=$per")
    done
    extra+=(--allocations "$(IFS=,; echo "${per_kind[*]}")")

    echo "instructions: callgrind, one run of a ${services}-service mesh…" >&2
    cg=$(callgrind_run 4000 "${all_kinds[@]}")
    annotated=$(callgrind_annotate --inclusive=yes --threshold=100 "$cg" 2>/dev/null | swift demangle --simplified)
    per_kind=()
    for kind in "${all_kinds[@]}"; do
        # The loop's own entry has the largest inclusive cost of the lines naming it.
        total=$(grep -F "DecisionBench.${loops[$kind]}(_:)" <<<"$annotated" | awk '{ gsub(",", "", $1); print $1 }' |
            sort -n | tail -1 || true)
        per=$(awk -v a="${total:-0}" 'BEGIN { printf "%.0f", a / 4000 }')
        echo "  $kind: $per per decision" >&2
        per_kind+=("$kind=$per")
    done
    rm -f "$cg"
    extra+=(--instructions "$(IFS=,; echo "${per_kind[*]}")")
fi

table=$(mktemp)
"$bin" "${extra[@]}" "$@" >"$table"
out="bench-results/core-decisions-$stamp.md"
{
    echo "# Core decisions benchmark ($(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"\
        "kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end of the run"
    echo "- $(swift --version 2>/dev/null | head -1); release build of weft-bench-core"
    echo "- mesh: 1,000 services × 10 endpoints (v1/v2), 2 ports each, a DestinationRule with subsets v1/v2 and a"\
        "VirtualService with 100 http rules (header exact/regex, uri prefix/exact/regex, method; the last a 90/10"\
        "canary) and 2 tcp routes per host; requests hit a rule uniformly at random (≈50 rules tried); LEAST_REQUEST"
    if [[ $valgrind -eq 1 ]]; then
        echo "- instructions: callgrind, 4000 decisions per kind; allocations: memcheck,"\
            "(allocs at $n2 − allocs at $n1 decisions) / $((n2 - n1)); both on a ${services}-service mesh of the"\
            "same shape per host"
    fi
    echo
    cat "$table"
} >"$out"
rm -f "$table"

if [[ $profile -eq 1 ]]; then
    prof="bench-results/core-decisions-profile-$stamp.txt"
    : >"$prof"
    set +o pipefail # `head` closes the listings early
    for kind in l4 l7; do
        cg=$(callgrind_run 4000 "$kind")
        {
            echo "=== $kind decision: 4000 decisions, instructions inclusive (callgrind) ==="
            callgrind_annotate --inclusive=yes "$cg" 2>/dev/null | sed -n '/^Ir/,$p' | head -70 |
                swift demangle --simplified
            echo
            echo "=== $kind decision: self cost ==="
            callgrind_annotate "$cg" 2>/dev/null | sed -n '/^Ir/,$p' | head -50 | swift demangle --simplified
            echo
        } >>"$prof" 2>/dev/null
        rm -f "$cg"
    done
    set -o pipefail
    echo "profile: $prof" >&2
fi
cat "$out"
