import ArgumentParser
import WeftConfig
import WeftCore

/// `weft validate`: offline check of Istio YAML, with every error named by file, document, resource and field.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check configuration files offline and report every problem at once.",
        discussion: """
            Reads Istio resources (VirtualService, DestinationRule, ServiceEntry, WorkloadEntry, PeerAuthentication, \
            AuthorizationPolicy) and core v1 Services from YAML files or directories (multi-document files are fine). \
            Each error names the file, the document, the resource and the field, e.g.

              reviews.yaml: document 2: VirtualService default/reviews: spec.http[0].retries.attempts: must not be negative (got -1)

            Exit status: 0 when valid (warnings allowed), 1 when invalid or unreadable.

            Examples:
              weft validate -f bookinfo.yaml
              weft validate -f ./config.d/ -o json
              cat policy.yaml | weft validate -f -
            """
    )

    @Option(
        name: [.short, .customLong("filename")],
        help: "A YAML file, a directory of *.yaml files, or - for stdin. Repeatable."
    )
    var files: [String] = []

    @Option(name: .short, help: "Output format: text or json.")
    var output: OutputFormat = .text

    func validate() throws {
        if self.files.isEmpty { throw ValidationError("give at least one file or directory with -f") }
    }

    func run() throws {
        let result = ConfigLoader.validate(paths: self.files)
        let report = ValidationReport(result)
        switch self.output {
        case .json:
            try JSONOutput.print(report)
        case .text:
            for diagnostic in result.diagnostics.all { StandardError.write(diagnostic.description) }
            if result.diagnostics.hasErrors {
                let count = result.diagnostics.errors.count
                StandardError.write("invalid: \(count) error\(count == 1 ? "" : "s")")
            } else {
                print(report.summaryText)
            }
        }
        if result.diagnostics.hasErrors { throw ExitCode(1) }
    }
}

/// The JSON shape of `weft validate -o json`.
struct ValidationReport: Encodable {
    struct Problem: Encodable {
        var severity: String
        var code: String
        var file: String
        var document: Int?
        var resource: String?
        var field: String?
        var message: String
        var text: String
    }

    struct Resource: Encodable {
        var kind: String
        var namespace: String
        var name: String
    }

    var valid: Bool
    var resources: [Resource]
    var errors: [Problem]
    var warnings: [Problem]

    init(_ result: ValidationResult) {
        func problem(_ diagnostic: ConfigDiagnostic) -> Problem {
            Problem(
                severity: diagnostic.severity.rawValue,
                code: diagnostic.code.rawValue,
                file: diagnostic.file,
                document: diagnostic.document,
                resource: diagnostic.resource?.description,
                field: diagnostic.field.isRoot ? nil : diagnostic.field.description,
                message: diagnostic.message,
                text: diagnostic.description
            )
        }
        self.valid = !result.diagnostics.hasErrors
        self.resources = result.config.resourceIDs.map {
            Resource(kind: $0.kind.rawValue, namespace: $0.namespace, name: $0.name)
        }
        self.errors = result.diagnostics.errors.map(problem)
        self.warnings = result.diagnostics.warnings.map(problem)
    }

    /// `valid: 7 resources (2 VirtualService, 2 DestinationRule, …)` followed by one line per resource.
    var summaryText: String {
        var counts: [String: Int] = [:]
        for resource in self.resources { counts[resource.kind, default: 0] += 1 }
        let breakdown = ResourceKind.allCases.compactMap { kind in
            counts[kind.rawValue].map { "\($0) \(kind.rawValue)" }
        }
        var lines = [
            "valid: \(self.resources.count) resource\(self.resources.count == 1 ? "" : "s")"
                + (breakdown.isEmpty ? "" : " (\(breakdown.joined(separator: ", ")))")
        ]
        for resource in self.resources {
            lines.append("  \(resource.kind) \(resource.namespace)/\(resource.name)")
        }
        return lines.joined(separator: "\n")
    }
}
