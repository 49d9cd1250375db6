/// A cheap first test of HTTP rules against the request path, so scanning a long rule list touches no strings
/// for rules that cannot match.
///
/// A case-sensitive exact or prefix `uri` condition fixes the first bytes of any path it accepts. Those bytes
/// (up to 8) are packed into an integer with a mask; the request path's first 8 bytes are packed once per request.
/// A rule whose every match entry has such a key, and none of whose keys agree with the request's, cannot match
/// and is skipped. The filter only ever lets through more than it should, never less: the full match decides.
struct PathPrefilter: Sendable {
    struct Key: Sendable, Hashable {
        let value: UInt64
        let mask: UInt64
    }

    /// Keys of all rules, flattened; `ranges[rule]` says which belong to that rule.
    private let keys: [Key]
    /// `count == -1`: the rule has an entry without a key and is always checked in full.
    private let ranges: [(start: Int32, count: Int32)]

    /// - Parameter rules: each rule's match entries, in order (an empty list matches everything).
    init(rules: [[HTTPRouteMatch?]]) {
        var keys: [Key] = []
        var ranges: [(start: Int32, count: Int32)] = []
        for matches in rules {
            let ruleKeys = matches.map { $0?.pathKey }
            if matches.isEmpty || ruleKeys.contains(where: { $0 == nil }) {
                ranges.append((0, -1))
                continue
            }
            ranges.append((Int32(keys.count), Int32(ruleKeys.count)))
            keys += ruleKeys.compactMap { $0 }
        }
        self.keys = keys
        self.ranges = ranges
    }

    /// The first 8 bytes of `text`, little-endian (byte i in bits 8i…8i+7), zero-padded.
    static func pack(_ text: some StringProtocol) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        for byte in text.utf8 {
            value |= UInt64(byte) << shift
            shift += 8
            if shift == 64 { break }
        }
        return value
    }

    /// The key for a path condition fixing the leading bytes `prefix`.
    static func key(prefix: String) -> Key {
        let length = min(prefix.utf8.count, 8)
        let mask: UInt64 = length == 8 ? .max : (1 << UInt64(8 * length)) - 1
        return Key(value: Self.pack(prefix) & mask, mask: mask)
    }

    /// False when rule `index` certainly does not match a request whose packed path is `packedPath`.
    @inline(__always)
    func mayMatch(rule index: Int, packedPath: UInt64) -> Bool {
        let range = self.ranges[index]
        if range.count < 0 { return true }
        var position = Int(range.start)
        let end = position + Int(range.count)
        while position < end {
            let key = self.keys[position]
            if packedPath & key.mask == key.value { return true }
            position += 1
        }
        return false
    }
}

extension HTTPRouteMatch {
    /// The prefilter key of this entry's `uri` condition; nil when it has none or it is a regex or ignores case.
    var pathKey: PathPrefilter.Key? {
        guard let uri = self.uri, !uri.ignoringCase else { return nil }
        switch uri.kind {
        case .exact(let path): return PathPrefilter.key(prefix: path)
        case .prefix(let prefix): return PathPrefilter.key(prefix: prefix)
        case .regex: return nil
        }
    }
}
