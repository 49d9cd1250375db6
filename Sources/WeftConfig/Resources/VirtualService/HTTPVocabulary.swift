/// The fixed HTTP and gRPC vocabularies Istio validates routing fields against.
enum HTTPVocabulary {
    /// Status codes Go's `net/http` has a name for (`http.StatusText`), which is what Istio accepts as a number in
    /// `retryOn`: `599` or `499` are rejected although they look like statuses.
    static let knownStatusCodes: Set<Int> = [
        100, 101, 102, 103,
        200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
        300, 301, 302, 303, 304, 305, 307, 308,
        400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
        421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
        500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
    ]

    /// gRPC status names accepted by `fault.abort.grpcStatus` (IS pkg/util/grpc `SupportedGRPCStatus`).
    static let grpcStatusNames: [String] = [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ]

    /// Methods `corsPolicy.allowMethods` accepts (Go's method constants plus `*`); case-sensitive.
    static let corsMethods: [String] = [
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE", "*",
    ]

    /// HTTP/2 pseudo-headers a match may name.
    static let pseudoHeaders: Set<String> = [":method", ":scheme", ":authority", ":path", ":status"]

    /// Redirect codes Envoy can send; Istio accepts any 3xx but drops the redirect for the others.
    static let redirectCodes: [Int] = [301, 302, 303, 307, 308]

    /// An RFC 7230 token: what a header name may contain.
    static func isToken(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
                    || "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
    }

    /// Why a header value cannot be sent, or nil: control characters other than tab are not allowed, and `%` must
    /// be doubled (`100%%`) unless it encloses a variable (`%HOSTNAME%`), as in Envoy's header formatter.
    static func headerValueProblem(_ value: String) -> String? {
        if value.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }) {
            return "header value \"\(value)\" contains control characters"
        }
        var scalars = Substring(value).unicodeScalars[...]
        while let percent = scalars.firstIndex(of: "%") {
            let rest = scalars[scalars.index(after: percent)...]
            if rest.first == "%" {
                scalars = rest.dropFirst()
                continue
            }
            guard let close = rest.firstIndex(of: "%") else {
                return "header value \"\(value)\" has an unterminated %VARIABLE% (write %% for a literal %)"
            }
            scalars = rest[rest.index(after: close)...]
        }
        return nil
    }
}
