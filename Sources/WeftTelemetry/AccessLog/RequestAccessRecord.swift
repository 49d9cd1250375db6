/// What the access log says about one proxied HTTP request, Envoy-like (`ztunnel.md` §6.2; issue 7 item 7).
///
/// Keys are the names of Istio's JSON access-log format, always all of them in this order: `method`, `path`,
/// `protocol`, `response_code`, `response_flags`, `grpc_status`, `bytes_received`, `bytes_sent`, `duration` (whole
/// milliseconds), `upstream_host`, `authority`, `downstream_remote_address`, `user_agent`, `request_id`
/// (`x-request-id`), `traceparent`. A missing value is `-` in text and `null` in JSON, as in Envoy.
package struct RequestAccessRecord: Hashable, Sendable {
    package var method: String
    /// The path as received (before any rewrite), query included.
    package var path: String
    /// `HTTP/1.1`, `HTTP/2` or `HTTP/1.0`.
    package var httpProtocol: String
    /// The status sent downstream; `nil` when none was (the stream was reset), written as 0 like Envoy.
    package var responseCode: Int?
    package var responseFlags: ResponseFlags
    /// The `grpc-status` of a gRPC response.
    package var grpcStatus: Int?
    /// Wire bytes received from the downstream for this request.
    package var bytesReceived: UInt64
    /// Wire bytes sent to the downstream for this request.
    package var bytesSent: UInt64
    package var duration: Duration
    /// The endpoint that served the last try, `10.248.2.5:8080`.
    package var upstreamHost: String?
    package var authority: String?
    package var downstreamRemoteAddress: String?
    package var userAgent: String?
    /// The `x-request-id` the request carried or was given.
    package var requestID: String?
    /// The `traceparent` sent upstream.
    package var traceparent: String?

    package init(
        method: String,
        path: String,
        httpProtocol: String,
        responseCode: Int?,
        responseFlags: ResponseFlags = .none,
        grpcStatus: Int? = nil,
        bytesReceived: UInt64,
        bytesSent: UInt64,
        duration: Duration,
        upstreamHost: String? = nil,
        authority: String? = nil,
        downstreamRemoteAddress: String? = nil,
        userAgent: String? = nil,
        requestID: String? = nil,
        traceparent: String? = nil
    ) {
        self.method = method
        self.path = path
        self.httpProtocol = httpProtocol
        self.responseCode = responseCode
        self.responseFlags = responseFlags
        self.grpcStatus = grpcStatus
        self.bytesReceived = bytesReceived
        self.bytesSent = bytesSent
        self.duration = duration
        self.upstreamHost = upstreamHost
        self.authority = authority
        self.downstreamRemoteAddress = downstreamRemoteAddress
        self.userAgent = userAgent
        self.requestID = requestID
        self.traceparent = traceparent
    }

    /// The `request complete` line (info).
    package func line(at time: WallClockTime) -> LogLine {
        LogLine(time: time, level: .info, scope: "access", message: "request complete", fields: self.fields)
    }

    /// The fields in their fixed order.
    package var fields: [LogField] {
        [
            LogField("method", .string(self.method)),
            LogField("path", .string(self.path)),
            LogField("protocol", .string(self.httpProtocol)),
            LogField("response_code", .integer(Int64(self.responseCode ?? 0))),
            LogField("response_flags", .string(self.responseFlags.rawValue)),
            LogField("grpc_status", self.grpcStatus.map { .integer(Int64($0)) } ?? .absent),
            LogField("bytes_received", .unsigned(self.bytesReceived)),
            LogField("bytes_sent", .unsigned(self.bytesSent)),
            LogField("duration", .integer(self.duration.wholeMilliseconds)),
            LogField("upstream_host", .optional(self.upstreamHost)),
            LogField("authority", .optional(self.authority)),
            LogField("downstream_remote_address", .optional(self.downstreamRemoteAddress)),
            LogField("user_agent", .optional(self.userAgent)),
            LogField("request_id", .optional(self.requestID)),
            LogField("traceparent", .optional(self.traceparent)),
        ]
    }
}
