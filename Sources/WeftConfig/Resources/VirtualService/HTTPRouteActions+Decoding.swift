import Foundation
import WeftCore

extension HTTPRedirect {
    /// Decodes `redirect` (IS validation.go `validateHTTPRedirect`): at least one of uri, authority, port or
    /// derivePort, scheme; `scheme` is http or https; `redirectCode` is a 3xx code Envoy can send.
    init(decoding reader: FieldReader) {
        self.init()
        self.uri = reader.string("uri")
        self.authority = reader.string("authority")
        _ = reader.oneOf(["port", "derivePort"])
        self.port = reader.int("port", in: 1...65535)
        self.derivePort = reader.enumValue("derivePort", as: DerivePort.self)
        if let scheme = reader.string("scheme") {
            if scheme == "http" || scheme == "https" {
                self.scheme = scheme
            } else {
                reader.error("scheme", "must be http or https (got \"\(scheme)\")")
            }
        }
        if let code = reader.int("redirectCode") {
            // 0 is proto3's "not set": Istio then redirects with 301.
            if code == 0 {
                self.redirectCode = 301
            } else if !(300...399).contains(code) {
                reader.error("redirectCode", "must be a 3xx redirect code (got \(code))")
            } else if !HTTPVocabulary.redirectCodes.contains(code) {
                reader.error(
                    "redirectCode",
                    "\(code) is not supported: redirects use 301, 302, 303, 307 or 308 (Istio drops other codes)",
                    code: .unsupported
                )
            } else {
                self.redirectCode = code
            }
        }
        let targets = ["uri", "authority", "port", "derivePort", "scheme"]
        if !targets.contains(where: reader.has) {
            reader.context.error(
                .missingField,
                at: reader.path,
                "must set at least one of uri, authority, port, derivePort or scheme"
            )
        }
    }
}

extension HTTPDirectResponse {
    /// Istio rejects direct-response bodies above 1 MiB and warns above 100 KiB.
    static let maximumBodySize = 1024 * 1024
    static let largeBodySize = 100 * 1024

    /// Decodes `directResponse: {status, body: {string | bytes}}`; `bytes` is base64, as protobuf JSON writes it.
    init(decoding reader: FieldReader) {
        self.init()
        if let status = reader.int("status", in: 200...599, required: true) { self.status = status }
        self.body =
            reader.object("body") { body -> Body? in
                switch body.oneOf(["string", "bytes"], required: true) {
                case "string":
                    return body.string("string").map(Body.string)
                case "bytes":
                    guard let text = body.string("bytes") else { return nil }
                    guard let bytes = Self.base64(text) else {
                        body.error("bytes", "is not valid base64")
                        return nil
                    }
                    return .bytes(bytes)
                default:
                    body.ignore("string")
                    body.ignore("bytes")
                    return nil
                }
            } ?? nil
        let size: Int
        switch self.body {
        case .string(let text): size = text.utf8.count
        case .bytes(let bytes): size = bytes.count
        case nil: size = 0
        }
        if size > Self.maximumBodySize {
            reader.error("body", "is \(size) bytes; direct responses must be at most 1 MiB")
        } else if size > Self.largeBodySize {
            reader.context.warning(
                .invalidValue,
                at: reader.field("body"),
                "is \(size) bytes; Istio warns about direct responses above 100 KiB"
            )
        }
    }

    /// Standard or URL-safe base64, with or without padding (protobuf JSON accepts all four).
    private static func base64(_ text: String) -> [UInt8]? {
        var normalized = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        if normalized.count % 4 != 0 { normalized += String(repeating: "=", count: 4 - normalized.count % 4) }
        return Data(base64Encoded: normalized).map { Array($0) }
    }
}

extension HTTPRewrite {
    /// Decodes `rewrite` (IS virtualservice.go `validateHTTPRewrite`): uri or uriRegexRewrite (not both), and/or
    /// authority; a regex rewrite needs both match (an RE2 regex) and rewrite.
    init(decoding reader: FieldReader) {
        self.init()
        _ = reader.oneOf(["uri", "uriRegexRewrite"])
        self.uri = reader.string("uri")
        self.authority = reader.string("authority")
        self.uriRegexRewrite =
            reader.object("uriRegexRewrite") { regex -> RegexRewrite? in
                let match = regex.string("match", required: true)
                let rewrite = regex.string("rewrite", required: true)
                if match?.isEmpty == true { regex.error("match", "must not be empty") }
                if rewrite?.isEmpty == true { regex.error("rewrite", "must not be empty") }
                if let match, !match.isEmpty, let problem = RE2Syntax.problem(in: match) {
                    regex.error("match", problem)
                }
                return RegexRewrite(match: match ?? "", rewrite: rewrite ?? "")
            } ?? nil
        // Empty strings are proto3's "not set".
        if (self.uri ?? "").isEmpty && !reader.has("uriRegexRewrite") && (self.authority ?? "").isEmpty {
            reader.context.error(
                .missingField,
                at: reader.path,
                "must set at least one of uri, uriRegexRewrite or authority"
            )
        }
    }
}
