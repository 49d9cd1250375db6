import WeftCore

/// Reads `loadBalancer`: `simple` or `consistentHash`, `localityLbSetting`, and warmup.
enum LoadBalancerDecoding {
    /// Maglev table sizes must be prime and below this bound (Istio `validateLoadBalancer`, Envoy's limit).
    static let maglevTableSizeLimit = 5_000_011
    /// Envoy's largest ring (`maximum_ring_size` default, 8M entries); a larger minimum is rejected by Envoy.
    static let maximumRingSize = 8_388_608

    /// `hasOutlierDetection`: whether the same policy level sets `outlierDetection`, which locality failover needs.
    static func settings(_ reader: FieldReader, hasOutlierDetection: Bool) -> LoadBalancerSettings {
        var settings = LoadBalancerSettings()
        switch reader.oneOf(["simple", "consistentHash"]) {
        case "simple":
            if let simple = reader.enumValue("simple", as: LoadBalancerSettings.Simple.self) {
                if simple == .leastConn {
                    reader.warning("simple", "LEAST_CONN is deprecated and acts as LEAST_REQUEST")
                }
                settings.policy = .simple(simple)
            }
        case "consistentHash":
            if let hash = reader.object("consistentHash", { Self.consistentHash($0) }) ?? nil {
                settings.policy = .consistentHash(hash)
            }
        default:
            reader.ignore("simple")
            reader.ignore("consistentHash")
        }
        settings.localityLbSetting = reader.object("localityLbSetting") {
            LocalityDecoding.setting($0, hasOutlierDetection: hasOutlierDetection)
        }
        switch reader.oneOf(["warmup", "warmupDurationSecs"]) {
        case "warmup":
            settings.warmup = reader.object("warmup") { Self.warmup($0) }
        case "warmupDurationSecs":
            if let duration = reader.duration("warmupDurationSecs") {
                reader.warning("warmupDurationSecs", "deprecated: use warmup.duration")
                var warmup = Warmup()
                warmup.duration = duration
                settings.warmup = warmup
            }
        default:
            reader.ignore("warmup")
            reader.ignore("warmupDurationSecs")
        }
        return settings
    }

    /// `consistentHash`: exactly one hash key, then ring hash (default) or Maglev.
    static func consistentHash(_ reader: FieldReader) -> ConsistentHash? {
        var hash = ConsistentHash()
        let keys = ["httpHeaderName", "httpCookie", "useSourceIp", "httpQueryParameterName"]
        var key: ConsistentHash.Key?
        switch reader.oneOf(keys, required: true, what: "the hash key") {
        case "httpHeaderName":
            key = Self.nonEmpty(reader, "httpHeaderName").map { .httpHeaderName($0) }
        case "httpCookie":
            key = reader.object("httpCookie") { Self.cookie($0) } ?? nil
        case "useSourceIp":
            if let use = reader.bool("useSourceIp") {
                if use {
                    key = .useSourceIp
                } else {
                    reader.error(
                        "useSourceIp",
                        "must be true when set (to hash on something else, set that key instead)"
                    )
                }
            }
        case "httpQueryParameterName":
            key = Self.nonEmpty(reader, "httpQueryParameterName").map { .httpQueryParameterName($0) }
        default:
            for name in keys { reader.ignore(name) }
        }
        switch reader.oneOf(["ringHash", "maglev", "minimumRingSize"]) {
        case "ringHash":
            if let size = reader.object("ringHash", { Self.ringSize($0, "minimumRingSize") }) ?? nil {
                hash.algorithm = .ringHash(minimumRingSize: size)
            }
        case "maglev":
            if let size = reader.object("maglev", { Self.maglevTableSize($0) }) ?? nil {
                hash.algorithm = .maglev(tableSize: size)
            }
        case "minimumRingSize":
            if let size = Self.ringSize(reader, "minimumRingSize") {
                reader.warning("minimumRingSize", "deprecated: use ringHash.minimumRingSize (this acts as ringHash)")
                hash.algorithm = .ringHash(minimumRingSize: size)
            }
        default:
            for name in ["ringHash", "maglev", "minimumRingSize"] { reader.ignore(name) }
        }
        guard let key else { return nil }
        hash.key = key
        return hash
    }

    private static func nonEmpty(_ reader: FieldReader, _ field: String, required: Bool = false) -> String? {
        guard let text = reader.string(field, required: required) else { return nil }
        if text.isEmpty {
            reader.error(field, "must not be empty")
            return nil
        }
        return text
    }

    /// `httpCookie`: `name` is required; `ttl` is not range-checked (`ttl: 0s` asks for a session cookie).
    private static func cookie(_ reader: FieldReader) -> ConsistentHash.Key? {
        let name = Self.nonEmpty(reader, "name", required: true)
        let path = reader.string("path")
        let ttl = reader.duration("ttl", allowZero: true, wholeMilliseconds: false)
        reader.unsupported("attributes", "cookie attributes are not supported yet")
        guard let name else { return nil }
        return .httpCookie(name: name, path: path, ttl: ttl)
    }

    /// A minimum ring size; 0 (Istio's "unset") means the default of 1024.
    private static func ringSize(_ reader: FieldReader, _ field: String) -> Int? {
        guard let size = reader.int(field, in: 0...Self.maximumRingSize) else {
            return reader.has(field) ? nil : 1024
        }
        return size == 0 ? 1024 : size
    }

    private static func maglevTableSize(_ reader: FieldReader) -> Int? {
        guard let size = reader.int("tableSize", in: 0...Int(UInt32.max), required: true) else { return nil }
        if size == 0 {
            reader.error("tableSize", "must be set for maglev (a prime such as 65537)")
            return nil
        }
        if size >= Self.maglevTableSizeLimit {
            reader.error("tableSize", "must be less than \(Self.maglevTableSizeLimit) (got \(size))")
            return nil
        }
        if !Self.isPrime(size) {
            reader.error("tableSize", "must be a prime number (got \(size); 65537 is the usual choice)")
            return nil
        }
        return size
    }

    /// Trial division, as Envoy checks it; table sizes are below 5,000,011.
    static func isPrime(_ number: Int) -> Bool {
        if number < 2 { return false }
        if number < 4 { return true }
        if number % 2 == 0 { return false }
        var factor = 3
        while factor * factor <= number {
            if number % factor == 0 { return false }
            factor += 2
        }
        return true
    }

    /// `warmup`: `duration` is required; `minimumPercent` 0–100; `aggression` above 0.
    private static func warmup(_ reader: FieldReader) -> Warmup {
        var warmup = Warmup()
        if let duration = reader.duration("duration", required: true) { warmup.duration = duration }
        if let minimum = reader.double("minimumPercent", in: 0...100) { warmup.minimumPercent = minimum }
        if let aggression = reader.double("aggression") {
            if aggression > 0 {
                warmup.aggression = aggression
            } else {
                reader.error("aggression", "must be greater than 0 (got \(ScalarReading.format(aggression)))")
            }
        }
        return warmup
    }
}
