import Foundation
import WeftCore

extension HTTPRetry {
    /// Decodes `retries` (IS validation.go `validateHTTPRetry`, pilot route/retry `ConvertPolicy`).
    ///
    /// `attempts` 0 or omitted disables retries, so setting `perTryTimeout`, `retryOn` or `retryRemoteLocalities`
    /// with it is an error. With attempts, unset fields keep Istio's defaults (`retryOn`
    /// connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes). `retryOn` is split on commas
    /// without trimming, as Istio does: `5xx, gateway-error` is an error.
    init(decoding reader: FieldReader) {
        let attempts = reader.int("attempts")
        if let attempts, attempts < 0 { reader.error("attempts", "must not be negative (got \(attempts))") }
        let enabled = (attempts ?? 0) > 0
        if enabled {
            self = .istioDefault
            self.attempts = attempts!
        } else {
            self.init()
            self.attempts = 0
        }
        if let perTryTimeout = reader.duration("perTryTimeout") { self.perTryTimeout = perTryTimeout }
        if let text = reader.string("retryOn") { self.retryOn = Self.conditions(text, reader: reader) }
        if let remote = reader.bool("retryRemoteLocalities") { self.retryRemoteLocalities = remote }
        if let ignore = reader.bool("retryIgnorePreviousHosts") { self.retryIgnorePreviousHosts = ignore }
        if let backoff = reader.duration("backoff") { self.backoff = backoff }
        if (attempts ?? 0) == 0 {
            let configured = ["perTryTimeout", "retryOn", "retryRemoteLocalities"].filter(reader.has)
            if !configured.isEmpty {
                let what = configured.joined(separator: " and ")
                reader.context.error(
                    .invalidValue,
                    at: reader.path,
                    "\(what) \(configured.count == 1 ? "is" : "are") set but attempts is 0 or omitted, which disables retries: set attempts to at least 1"
                )
            }
        }
    }

    /// Parses `retryOn`: comma-separated Envoy retry conditions or HTTP status codes known to Go's net/http.
    private static func conditions(_ text: String, reader: FieldReader) -> [RetryCondition] {
        var conditions: [RetryCondition] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            if let named = RetryCondition.namedConditions[item] {
                conditions.append(named)
            } else if let code = Int(item), HTTPVocabulary.knownStatusCodes.contains(code) {
                conditions.append(.statusCode(code))
            } else {
                let trimmed = item.trimmingCharacters(in: .whitespaces)
                let hint =
                    trimmed != item
                        && (RetryCondition.namedConditions[trimmed] != nil
                            || Int(trimmed).map(HTTPVocabulary.knownStatusCodes.contains) == true)
                    ? " (remove the spaces: items are separated by commas only)"
                    : " (use \(Self.vocabulary) or an HTTP status code)"
                reader.error("retryOn", "\"\(item)\" is not a retry condition\(hint)")
            }
        }
        return conditions
    }

    private static let vocabulary = RetryCondition.namedConditions.keys.sorted().joined(separator: ", ")
}
