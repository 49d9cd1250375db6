/// A cursor over an untrusted message. Every read checks the bounds first and throws instead of trapping.
struct DNSWireReader {
    let bytes: [UInt8]
    private(set) var offset: Int

    /// A real encoder needs at most one pointer per label and a name has at most 127 labels, so more means abuse.
    /// (Loops are already impossible: each pointer must land before the previous one, see `readName`.)
    static let maximumPointersPerName = 127

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { self.bytes.count - self.offset }

    mutating func readUInt8() throws(DNSDecodingError) -> UInt8 {
        guard self.offset < self.bytes.count else { throw DNSDecodingError(.truncated, at: self.offset) }
        defer { self.offset += 1 }
        return self.bytes[self.offset]
    }

    mutating func readUInt16() throws(DNSDecodingError) -> UInt16 {
        guard self.remaining >= 2 else { throw DNSDecodingError(.truncated, at: self.offset) }
        defer { self.offset += 2 }
        return UInt16(self.bytes[self.offset]) << 8 | UInt16(self.bytes[self.offset + 1])
    }

    mutating func readUInt32() throws(DNSDecodingError) -> UInt32 {
        guard self.remaining >= 4 else { throw DNSDecodingError(.truncated, at: self.offset) }
        var value: UInt32 = 0
        for index in self.offset..<(self.offset + 4) { value = value << 8 | UInt32(self.bytes[index]) }
        self.offset += 4
        return value
    }

    mutating func readBytes(_ count: Int) throws(DNSDecodingError) -> [UInt8] {
        guard count >= 0, self.remaining >= count else { throw DNSDecodingError(.truncated, at: self.offset) }
        defer { self.offset += count }
        return Array(self.bytes[self.offset..<(self.offset + count)])
    }

    /// Reads a possibly compressed name (RFC 1035 §4.1.4) and moves past it (past the first pointer, if any).
    ///
    /// Loop protection: a pointer must land strictly before the start of the run of labels that contains it, so
    /// successive runs start at strictly decreasing offsets and the walk ends; the pointer count and the 255-byte
    /// name limit are checked as well.
    mutating func readName() throws(DNSDecodingError) -> DNSName {
        var labels: [[UInt8]] = []
        var position = self.offset
        var runStart = self.offset
        var resumeAt: Int?
        var pointers = 0
        var wireLength = 1
        while true {
            guard position < self.bytes.count else { throw DNSDecodingError(.truncated, at: position) }
            let lengthByte = self.bytes[position]
            switch lengthByte >> 6 {
            case 0:
                if lengthByte == 0 {
                    self.offset = resumeAt ?? position + 1
                    return DNSName(unchecked: labels)
                }
                let length = Int(lengthByte)
                guard self.bytes.count - position - 1 >= length else {
                    throw DNSDecodingError(.truncated, at: position)
                }
                wireLength += 1 + length
                guard wireLength <= DNSName.maximumWireLength else {
                    throw DNSDecodingError(.nameTooLong, at: position)
                }
                labels.append(Array(self.bytes[(position + 1)...(position + length)]))
                position += 1 + length
            case 3:
                guard position + 1 < self.bytes.count else { throw DNSDecodingError(.truncated, at: position) }
                let target = Int(lengthByte & 0x3f) << 8 | Int(self.bytes[position + 1])
                guard target < self.bytes.count else { throw DNSDecodingError(.pointerOutOfRange, at: position) }
                guard target != position else { throw DNSDecodingError(.pointerLoop, at: position) }
                guard target < position else { throw DNSDecodingError(.forwardPointer, at: position) }
                guard target < runStart else { throw DNSDecodingError(.pointerLoop, at: position) }
                pointers += 1
                guard pointers <= Self.maximumPointersPerName else {
                    throw DNSDecodingError(.tooManyPointers, at: position)
                }
                if resumeAt == nil { resumeAt = position + 2 }
                position = target
                runStart = target
            default:
                throw DNSDecodingError(.unsupportedLabelType, at: position)
            }
        }
    }
}
