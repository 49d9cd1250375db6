import WeftCore

/// Reads `connectionPool: {tcp, http}`. Counts are protobuf `int32`s that must not be negative; as in Istio's
/// translation (`applyConnectionPool` only copies values > 0), a count of 0 keeps the default.
enum ConnectionPoolDecoding {
    static let int32Range = 0...Int(Int32.max)

    static func settings(_ reader: FieldReader) -> ConnectionPoolSettings {
        var settings = ConnectionPoolSettings()
        if !reader.has("tcp") && !reader.has("http") {
            reader.context.error(.missingField, at: reader.path, "must set tcp or http")
        }
        settings.tcp = reader.object("tcp") { Self.tcp($0) }
        settings.http = reader.object("http") { Self.http($0) }
        return settings
    }

    /// Reads a count; 0 means "keep the default".
    private static func count(_ reader: FieldReader, _ key: String, into value: inout Int) {
        if let count = reader.int(key, in: Self.int32Range), count > 0 { value = count }
    }

    private static func tcp(_ reader: FieldReader) -> ConnectionPoolSettings.TCP {
        var tcp = ConnectionPoolSettings.TCP()
        Self.count(reader, "maxConnections", into: &tcp.maxConnections)
        if let timeout = reader.duration("connectTimeout") { tcp.connectTimeout = timeout }
        tcp.tcpKeepalive = reader.object("tcpKeepalive") { keepalive in
            var settings = ConnectionPoolSettings.TCPKeepalive()
            settings.probes = keepalive.int("probes", in: 0...Int(UInt32.max))
            settings.time = keepalive.duration("time")
            settings.interval = keepalive.duration("interval")
            return settings
        }
        tcp.maxConnectionDuration = reader.duration("maxConnectionDuration")
        // `0s` turns the idle timeout off (destination_rule.proto), so zero is allowed here only.
        if let idle = reader.duration("idleTimeout", allowZero: true) { tcp.idleTimeout = idle }
        return tcp
    }

    private static func http(_ reader: FieldReader) -> ConnectionPoolSettings.HTTP {
        var http = ConnectionPoolSettings.HTTP()
        Self.count(reader, "http1MaxPendingRequests", into: &http.http1MaxPendingRequests)
        Self.count(reader, "http2MaxRequests", into: &http.http2MaxRequests)
        // 0 is itself the default here: unlimited requests per connection.
        if let perConnection = reader.int("maxRequestsPerConnection", in: Self.int32Range) {
            http.maxRequestsPerConnection = perConnection
        }
        Self.count(reader, "maxRetries", into: &http.maxRetries)
        if let idle = reader.duration("idleTimeout") { http.idleTimeout = idle }
        if let policy = reader.enumValue("h2UpgradePolicy", as: ConnectionPoolSettings.HTTP.H2UpgradePolicy.self) {
            http.h2UpgradePolicy = policy
        }
        if let useClientProtocol = reader.bool("useClientProtocol") { http.useClientProtocol = useClientProtocol }
        if http.h2UpgradePolicy == .upgrade && http.useClientProtocol {
            reader.error("useClientProtocol", "must not be true when h2UpgradePolicy is UPGRADE")
        }
        Self.count(reader, "maxConcurrentStreams", into: &http.maxConcurrentStreams)
        return http
    }
}
