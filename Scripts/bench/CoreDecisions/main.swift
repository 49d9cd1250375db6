import WeftCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// weft-bench-core: nanoseconds (and, with core-decisions.sh, heap allocations) per routing decision of the shared
// core, on a synthetic snapshot of 1,000 services × 10 endpoints with 100 `http[]` rules per host (issue 3,
// item 11). Not a test: it asserts no timings, it reports them.
//
//   weft-bench-core [--repetitions N] [--repetition-ms N] [--kinds l4,l7,…] [--services N]
//                   [--allocations l4=0,l7=3.5,…] [--instructions l4=1200,…]
//       time the kinds and print a markdown table on stdout (allocation and instruction counts come from valgrind
//       runs of the --count form and are only printed)
//   weft-bench-core [--services N] --count l4=1000,l7=1000,…
//       make that many decisions of each kind, untimed (for valgrind)

struct Options {
    var shape = MeshShape()
    var timing = TimingRun()
    var kinds = DecisionKind.allCases
    var allocations: [DecisionKind: Double] = [:]
    var instructions: [DecisionKind: Double] = [:]
    var counts: [(DecisionKind, Int)]?

    init(_ arguments: [String]) {
        var remaining = arguments[...]
        func value(_ flag: String) -> String {
            guard let value = remaining.popFirst() else { Self.fail("\(flag) needs a value") }
            return value
        }
        while let flag = remaining.popFirst() {
            switch flag {
            case "--repetitions": self.timing.repetitions = Self.number(value(flag), flag)
            case "--repetition-ms": self.timing.targetRepetition = .milliseconds(Self.number(value(flag), flag))
            case "--services": self.shape.services = Self.number(value(flag), flag)
            case "--kinds": self.kinds = value(flag).split(separator: ",").map { Self.kind(String($0)) }
            case "--allocations": self.allocations = Self.numbers(value(flag), flag)
            case "--instructions": self.instructions = Self.numbers(value(flag), flag)
            case "--count": self.counts = Self.pairs(value(flag)).map { ($0.0, Self.number($0.1, flag)) }
            default: Self.fail("unknown argument \(flag)")
            }
        }
    }

    private static func pairs(_ text: String) -> [(DecisionKind, String)] {
        text.split(separator: ",").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { Self.fail("expected KIND=VALUE, got \(pair)") }
            return (Self.kind(String(parts[0])), String(parts[1]))
        }
    }

    private static func numbers(_ text: String, _ flag: String) -> [DecisionKind: Double] {
        var numbers: [DecisionKind: Double] = [:]
        for (kind, text) in Self.pairs(text) {
            guard let number = Double(text) else { Self.fail("\(flag): \(text) is not a number") }
            numbers[kind] = number
        }
        return numbers
    }

    private static func kind(_ name: String) -> DecisionKind {
        guard let kind = DecisionKind(rawValue: name) else {
            Self.fail("unknown kind \(name); one of \(DecisionKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }

    private static func number(_ text: String, _ flag: String) -> Int {
        guard let number = Int(text), number > 0 else { Self.fail("\(flag): \(text) is not a positive number") }
        return number
    }

    static func fail(_ message: String) -> Never {
        printError("error: \(message)")
        exit(64)
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let clock = ContinuousClock()
let start = clock.now
let (config, workloads) = SyntheticMesh.build(options.shape)
let built = clock.now
let snapshot = MeshSnapshot(config: config, enrolled: workloads)
let compiled = clock.now
let samples = DecisionSamples(shape: options.shape, snapshot: snapshot, seed: 0x5EED_0001)
var bench = DecisionBench(
    shape: options.shape,
    snapshot: snapshot,
    samples: samples,
    balancers: BalancerTable(shape: options.shape, snapshot: snapshot, now: compiled)
)
let prepared = clock.now
let outcomes = bench.checkSamples()
printError(
    "mesh: \(options.shape.services) services × \(options.shape.endpointsPerService) endpoints, "
        + "\(options.shape.rulesPerHost) http rules per host, \(bench.balancers.count) balancers; "
        + "config built in \(built - start), snapshot compiled in \(compiled - built), "
        + "samples and balancers in \(prepared - compiled); \(snapshot.diagnostics.count) diagnostics"
)
printError("samples: \(outcomes)")
guard outcomes.isComplete else {
    printError("error: the samples do not decide what they were built to decide")
    exit(1)
}

if let counts = options.counts {
    var checksum = 0
    for (kind, iterations) in counts { checksum &+= bench.run(kind, iterations: iterations) }
    // Two items, not one interpolated string: a longer checksum would otherwise grow the string's buffer and add
    // an allocation that only the bigger of two valgrind runs makes.
    print("checksum", checksum)
} else {
    let (measurements, checksum) = options.timing.measure(options.kinds, bench: &bench)
    print(Report.table(measurements, allocations: options.allocations, instructions: options.instructions))
    printError("checksum \(checksum)")
}
