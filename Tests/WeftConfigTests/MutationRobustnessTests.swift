import Foundation
import Testing
import WeftCore

@testable import WeftConfig

/// "Never a crash, whatever the bytes" (architecture §13): mutated corpus files must decode to diagnostics, not traps.
@Suite("Robustness against mutated input")
struct MutationRobustnessTests {
    /// SplitMix64: a tiny deterministic generator so a failure reproduces from its seed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            self.state &+= 0x9E37_79B9_7F4A_7C15
            var z = self.state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet = Array(
        " \n\t:-[]{}\"'#&*!|>%@`,.0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/\\\u{0}é"
    )

    static func mutate(_ text: String, using rng: inout SeededGenerator) -> String {
        var characters = Array(text)
        let edits = Int.random(in: 1...8, using: &rng)
        for _ in 0..<edits where !characters.isEmpty {
            let index = Int.random(in: 0..<characters.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: characters.remove(at: index)
            case 1: characters.insert(Self.alphabet.randomElement(using: &rng)!, at: index)
            case 2: characters[index] = Self.alphabet.randomElement(using: &rng)!
            default:
                // Duplicate a line: exercises duplicate keys and list items.
                let line = characters[index...].prefix(while: { $0 != "\n" })
                characters.insert(contentsOf: Array(line) + ["\n"], at: index)
            }
        }
        return String(characters)
    }

    @Test(
        "Mutated corpus files produce diagnostics or resources, never a crash",
        arguments: [
            "virtual-service-traffic-shifting.yaml", "virtual-service-resilience.yaml", "virtual-service-edge.yaml",
            "destination-rule.yaml", "service-entry.yaml", "workload-entry.yaml", "service.yaml",
            "authorization-policy.yaml", "peer-authentication.yaml",
        ]
    )
    func mutatedCorpus(name: String) throws {
        let original = try corpus(name)
        var rng = SeededGenerator(state: UInt64(name.utf8.count) &* 7919 &+ 0xC0FFEE)
        var rejected = 0
        for _ in 0..<200 {
            let result = decode(Self.mutate(original, using: &rng), file: name)
            if result.diagnostics.hasErrors { rejected += 1 }
            // Every diagnostic renders with the file name: an operator can always tell where to look.
            #expect(result.diagnostics.all.allSatisfy { $0.description.contains(name) })
        }
        #expect(rejected > 0, "some mutations must be rejected, or the mutator does nothing")
    }
}
