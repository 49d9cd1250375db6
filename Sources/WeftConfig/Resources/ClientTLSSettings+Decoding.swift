import WeftCore

/// Reads a DestinationRule `tls` block (`ClientTLSSettings`) under architecture §13: `ISTIO_MUTUAL` and `DISABLE`
/// are accepted with a warning; TLS origination (`SIMPLE`, `MUTUAL`) is not supported yet.
enum ClientTLSDecoding {
    /// Fields that only configure TLS origination (certificates, SNI, SAN checks against a foreign server).
    static let originationFields = [
        "clientCertificate", "privateKey", "caCertificates", "credentialName", "subjectAltNames", "sni",
        "insecureSkipVerify", "caCrl",
    ]

    /// The settings, or nil when the mode is invalid or not supported (already reported).
    static func settings(_ reader: FieldReader) -> ClientTLSSettings? {
        let mode: ClientTLSSettings.Mode
        if reader.has("mode") {
            guard let parsed = reader.enumValue("mode", as: ClientTLSSettings.Mode.self) else {
                for field in Self.originationFields { reader.ignore(field) }
                return nil
            }
            mode = parsed
        } else {
            // Istio's enum default: a `tls` block without `mode` means DISABLE.
            reader.ignore("mode")
            mode = .disable
        }
        let modePath = reader.field("mode")
        switch mode {
        case .simple, .mutual:
            // The certificate fields belong to the same unsupported feature; one error says it all.
            reader.context.error(.unsupported, at: modePath, "TLS origination (SIMPLE, MUTUAL) is not supported yet")
            for field in Self.originationFields { reader.ignore(field) }
            return nil
        case .istioMutual:
            reader.context.warning(
                .deprecated,
                at: modePath,
                "ISTIO_MUTUAL is what Weft's HBONE tunnels always do between enrolled workloads: this changes nothing"
            )
        case .disable:
            reader.context.warning(
                .deprecated,
                at: reader.has("mode") ? modePath : reader.path,
                (reader.has("mode") ? "" : "no mode means DISABLE: ")
                    + "Weft connects to this destination in plaintext when it is outside the mesh "
                    + "(enrolled workloads are always reached over HBONE)"
            )
        }
        for field in Self.originationFields {
            reader.unsupported(field, "only applies to TLS origination (SIMPLE, MUTUAL), which is not supported yet")
        }
        var settings = ClientTLSSettings()
        settings.mode = mode
        return settings
    }
}
