import WeftCore

extension HTTPFaultInjection {
    /// Decodes `fault` (IS validation.go `validateHTTPFaultInjection`): a delay and/or an abort, each with an
    /// optional percentage (none: no request is affected).
    init(decoding reader: FieldReader) {
        self.init()
        if !reader.has("delay") && !reader.has("abort") {
            reader.context.error(.missingField, at: reader.path, "needs a delay or an abort (or both)")
        }
        self.delay = reader.object("delay", Self.delay) ?? nil
        self.abort = reader.object("abort", Self.abort) ?? nil
    }

    private static func delay(_ reader: FieldReader) -> Delay? {
        var delay = Delay()
        let kind = reader.oneOf(["fixedDelay", "exponentialDelay"])
        let fixed = reader.duration("fixedDelay")
        if reader.has("exponentialDelay") {
            _ = reader.duration("exponentialDelay")
            reader.error("exponentialDelay", "is not supported (Istio does not support it either)", code: .unsupported)
        }
        let percentage = PercentageDecoding.fault(reader, "percentage")
        if let percent = reader.int("percent") {
            if !(0...100).contains(percent) {
                reader.error("percent", "must be between 0 and 100 (got \(percent))")
            } else if percentage == nil && !reader.has("percentage") {
                delay.percentage = Percentage(Double(percent))
                reader.warning("percent", "is deprecated: use percentage: {value: \(percent)}")
            } else {
                reader.warning("percent", "is deprecated and ignored because percentage is set")
            }
        }
        if let percentage { delay.percentage = percentage }
        guard kind != nil || reader.has("exponentialDelay") || reader.has("fixedDelay") else {
            // Istio accepts a delay without a duration and then delays nothing.
            reader.context.warning(.invalidValue, at: reader.path, "has no fixedDelay, so no request is delayed")
            return nil
        }
        guard let fixed else { return nil }
        delay.fixedDelay = fixed
        return delay
    }

    private static func abort(_ reader: FieldReader) -> Abort? {
        var abort = Abort()
        let kind = reader.oneOf(["httpStatus", "grpcStatus", "http2Error"])
        let status = reader.int("httpStatus", in: 200...600)
        let grpc = reader.string("grpcStatus")
        if let grpc, !HTTPVocabulary.grpcStatusNames.contains(grpc) {
            reader.error(
                "grpcStatus",
                "\"\(grpc)\" is not a gRPC status name (use one of \(HTTPVocabulary.grpcStatusNames.joined(separator: ", ")))"
            )
        }
        if reader.string("http2Error") != nil {
            reader.error(
                "http2Error",
                "HTTP/2 abort fault injection is not supported yet (nor in Istio)",
                code: .unsupported
            )
        }
        if let percentage = PercentageDecoding.fault(reader, "percentage") { abort.percentage = percentage }
        switch kind {
        case "httpStatus":
            guard let status else { return nil }
            abort.kind = .httpStatus(status)
        case "grpcStatus":
            guard let grpc else { return nil }
            abort.kind = .grpcStatus(grpc)
        case "http2Error":
            return nil
        default:
            if !["httpStatus", "grpcStatus", "http2Error"].contains(where: reader.has) {
                // Istio accepts it with a warning and aborts nothing.
                reader.context.warning(
                    .invalidValue,
                    at: reader.path,
                    "has no httpStatus or grpcStatus, so no request is aborted"
                )
            }
            return nil
        }
        return abort
    }
}
