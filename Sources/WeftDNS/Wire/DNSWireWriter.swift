/// Builds a message, compressing names against the suffixes already written (RFC 1035 §4.1.4).
///
/// Suffixes are matched byte for byte (case included), so the written names keep the case they were given: clients
/// that randomise case (DNS 0x20) see their own spelling back.
struct DNSWireWriter {
    private(set) var bytes: [UInt8] = []
    /// Offsets of suffixes written so far; a pointer has 14 bits, so only offsets below 0x4000 are usable.
    private var suffixOffsets: [ArraySlice<[UInt8]>: Int] = [:]

    init() {
        self.bytes.reserveCapacity(512)
    }

    mutating func writeUInt8(_ value: UInt8) {
        self.bytes.append(value)
    }

    mutating func writeUInt16(_ value: UInt16) {
        self.bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        self.bytes.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func writeUInt32(_ value: UInt32) {
        self.writeUInt16(UInt16(truncatingIfNeeded: value >> 16))
        self.writeUInt16(UInt16(truncatingIfNeeded: value))
    }

    mutating func writeBytes(_ value: [UInt8]) {
        self.bytes += value
    }

    /// Overwrites two bytes written earlier (a length that is only known afterwards).
    mutating func patchUInt16(_ value: UInt16, at offset: Int) {
        self.bytes[offset] = UInt8(truncatingIfNeeded: value >> 8)
        self.bytes[offset + 1] = UInt8(truncatingIfNeeded: value)
    }

    /// Writes a name, ending in a pointer to an earlier copy of its longest known suffix when `compress` is set.
    /// Either way the suffixes written here become targets for later names.
    mutating func writeName(_ name: DNSName, compress: Bool = true) {
        let labels = name.labels
        for index in labels.indices {
            let suffix = labels[index...]
            if compress, let offset = self.suffixOffsets[suffix] {
                self.writeUInt16(0xc000 | UInt16(offset))
                return
            }
            if self.bytes.count < 0x4000 && self.suffixOffsets[suffix] == nil {
                self.suffixOffsets[suffix] = self.bytes.count
            }
            self.writeUInt8(UInt8(labels[index].count))
            self.writeBytes(labels[index])
        }
        self.writeUInt8(0)
    }
}

extension DNSName {
    /// Appends the uncompressed wire form: length-prefixed labels, then the root's zero byte.
    func appendUncompressed(to bytes: inout [UInt8]) {
        for label in self.labels {
            bytes.append(UInt8(label.count))
            bytes += label
        }
        bytes.append(0)
    }
}
