import WeftCore

/// Reads `outlierDetection` (Istio `validateOutlierDetection`; defaults in the model).
enum OutlierDetectionDecoding {
    static func settings(_ reader: FieldReader) -> OutlierDetection {
        var outlier = OutlierDetection()
        let uint32Range = 0...Int(UInt32.max)
        if let split = reader.bool("splitExternalLocalOriginErrors") { outlier.splitExternalLocalOriginErrors = split }
        if let failures = reader.int("consecutiveLocalOriginFailures", in: uint32Range) {
            outlier.consecutiveLocalOriginFailures = failures
            if failures > 0 && !outlier.splitExternalLocalOriginErrors {
                reader.error(
                    "consecutiveLocalOriginFailures",
                    "only counts when splitExternalLocalOriginErrors is true"
                )
            }
        }
        // Istio maps the deprecated field to gateway errors (502, 503, 504) and stops counting other 5xx.
        if let errors = reader.int("consecutiveErrors", in: Int(Int32.min)...Int(Int32.max)), errors != 0 {
            reader.warning(
                "consecutiveErrors",
                "deprecated: acts as consecutiveGatewayErrors (502, 503 and 504 only); use consecutiveGatewayErrors or consecutive5xxErrors"
            )
            if errors > 0 {
                outlier.consecutiveGatewayErrors = errors
                outlier.consecutive5xxErrors = 0
            }
        }
        if let gateway = reader.int("consecutiveGatewayErrors", in: uint32Range) {
            outlier.consecutiveGatewayErrors = gateway
        }
        if let fiveXX = reader.int("consecutive5xxErrors", in: uint32Range) { outlier.consecutive5xxErrors = fiveXX }
        if let interval = reader.duration("interval") { outlier.interval = interval }
        if let base = reader.duration("baseEjectionTime") { outlier.baseEjectionTime = base }
        if let percent = reader.int("maxEjectionPercent", in: 0...100) { outlier.maxEjectionPercent = percent }
        if let percent = reader.int("minHealthPercent", in: 0...100) { outlier.minHealthPercent = percent }
        return outlier
    }
}
