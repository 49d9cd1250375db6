import PropertyBased
import WeftCore

@testable import WeftDNS

/// Random DNS values for property tests. Names come partly from a small pool in random case, so that messages
/// repeat suffixes (exercising compression) without being equal byte for byte.
enum MessageGenerators {
    static let pool: [[UInt8]] = ["example", "com", "svc", "cluster", "local", "reviews", "a", "default"].map {
        Array($0.utf8)
    }

    static func bool(_ rng: inout some RandomNumberGenerator) -> Bool {
        Bool.random(using: &rng)
    }

    static func label(_ rng: inout some RandomNumberGenerator) -> [UInt8] {
        if Int.random(in: 0..<3, using: &rng) > 0 {
            let word = pool.randomElement(using: &rng)!
            return word.map { Bool.random(using: &rng) ? $0 & 0xdf : $0 }
        }
        return (0..<Int.random(in: 1...10, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    static func name(_ rng: inout some RandomNumberGenerator) -> DNSName {
        let labels = (0..<Int.random(in: 0...5, using: &rng)).map { _ in label(&rng) }
        return DNSName(unchecked: labels)
    }

    static func address(_ rng: inout some RandomNumberGenerator) -> IPAddress {
        bool(&rng)
            ? .v4(UInt32.random(in: 0...UInt32.max, using: &rng))
            : .v6(UInt128(UInt64.random(in: 0...UInt64.max, using: &rng)) << 64 | UInt128(rng.next()))
    }

    /// Types that decode as opaque in any class: not A/AAAA/CNAME/OPT nor the name-bearing RFC 1035 types.
    static let opaqueTypes: [UInt16] = [16, 33, 64, 65, 99, 256, 1000, 65535]

    static func record(_ rng: inout some RandomNumberGenerator) -> DNSResourceRecord {
        let owner = name(&rng)
        let ttl = UInt32.random(in: 0...UInt32.max, using: &rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            return DNSResourceRecord(name: owner, ttl: ttl, data: .address(address(&rng)))
        case 1:
            let recordClass = DNSClass(rawValue: UInt16.random(in: 0...300, using: &rng))
            return DNSResourceRecord(name: owner, recordClass: recordClass, ttl: ttl, data: .cname(name(&rng)))
        case 2:
            // A and AAAA outside class IN stay opaque, whatever their length.
            let type: DNSRecordType = bool(&rng) ? .a : .aaaa
            let bytes = (0..<Int.random(in: 0...20, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            return DNSResourceRecord(
                name: owner,
                recordClass: .chaos,
                ttl: ttl,
                data: .opaque(type: type, bytes: bytes)
            )
        default:
            let type = DNSRecordType(rawValue: opaqueTypes.randomElement(using: &rng)!)
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let recordClass = DNSClass(rawValue: UInt16.random(in: 0...300, using: &rng))
            return DNSResourceRecord(
                name: owner,
                recordClass: recordClass,
                ttl: ttl,
                data: .opaque(type: type, bytes: bytes)
            )
        }
    }

    static func edns(_ rng: inout some RandomNumberGenerator) -> DNSEDNS {
        DNSEDNS(
            udpPayloadSize: UInt16.random(in: 0...UInt16.max, using: &rng),
            extendedResponseCodeHigh: UInt8.random(in: 0...255, using: &rng),
            version: UInt8.random(in: 0...2, using: &rng),
            dnssecOK: bool(&rng),
            reservedFlags: UInt16.random(in: 0...0x7fff, using: &rng),
            options: (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                DNSEDNSOption(
                    code: UInt16.random(in: 0...UInt16.max, using: &rng),
                    data: (0..<Int.random(in: 0...12, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                )
            }
        )
    }

    static func message(_ rng: inout some RandomNumberGenerator) -> DNSMessage {
        func records(_ rng: inout some RandomNumberGenerator) -> [DNSResourceRecord] {
            (0..<Int.random(in: 0...4, using: &rng)).map { _ in record(&rng) }
        }
        return DNSMessage(
            header: DNSHeader(
                id: UInt16.random(in: 0...UInt16.max, using: &rng),
                flags: UInt16.random(in: 0...UInt16.max, using: &rng)
            ),
            questions: (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                DNSQuestion(
                    name: name(&rng),
                    type: DNSRecordType(rawValue: UInt16.random(in: 0...300, using: &rng)),
                    questionClass: DNSClass(rawValue: UInt16.random(in: 0...300, using: &rng))
                )
            },
            answers: records(&rng),
            authorities: records(&rng),
            additionals: records(&rng),
            edns: bool(&rng) ? edns(&rng) : nil
        )
    }

    /// Applies one to four random edits: overwrite, flip a bit, insert, delete, truncate, or write a pointer.
    static func mutate(_ bytes: [UInt8], _ rng: inout some RandomNumberGenerator) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let index = result.isEmpty ? 0 : Int.random(in: 0..<result.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !result.isEmpty: result[index] = UInt8.random(in: 0...255, using: &rng)
            case 1 where !result.isEmpty: result[index] ^= 1 << UInt8.random(in: 0...7, using: &rng)
            case 2: result.insert(UInt8.random(in: 0...255, using: &rng), at: index)
            case 3 where !result.isEmpty: result.remove(at: index)
            case 4: result = Array(result.prefix(index))
            default:
                if index + 1 < result.count {
                    result[index] = 0xc0 | UInt8.random(in: 0...0x3f, using: &rng) & (bool(&rng) ? 0 : 0x3f)
                    result[index + 1] = UInt8.random(in: 0...255, using: &rng)
                }
            }
        }
        return result
    }

    static var messages: Generator<DNSMessage, Shrink.None<DNSMessage>> {
        Generator { rng in message(&rng) }
    }

    static var randomBytes: Generator<[UInt8], Shrink.None<[UInt8]>> {
        Generator { rng in
            (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
    }
}
