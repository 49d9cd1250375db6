import Foundation
import Testing

/// `weft validate` through the real binary: exit codes, output channels and JSON shape (architecture §13).
@Suite("weft validate (binary)")
struct ValidateCommandTests {
    static let valid = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: default}
        spec:
          hosts: [reviews]
          http:
            - route:
                - destination: {host: reviews}
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: istio-system}
        spec: {mtls: {mode: STRICT}}
        """

    static let invalid = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: default}
        spec:
          hosts: [reviews]
          http:
            - route:
                - destination: {host: reviews}
                  weight: -5
              retrys: {attempts: 3}
        """

    @Test("A valid file exits 0 and prints a summary of its resources on stdout")
    func validFile() throws {
        let directory = try WeftProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("mesh.yaml")
        try Self.valid.write(to: file, atomically: true, encoding: .utf8)
        let result = try WeftProcess.run(["validate", "-f", file.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(
            result.stdout == """
                valid: 2 resources (1 VirtualService, 1 PeerAuthentication)
                  VirtualService default/reviews
                  PeerAuthentication istio-system/default

                """
        )
        #expect(result.stderr.isEmpty)
    }

    @Test("An invalid file exits 1 and names file, document, resource and field for every error on stderr")
    func invalidFile() throws {
        let result = try WeftProcess.run(["validate", "-f", "-"], stdin: Self.invalid)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty, "errors belong on stderr")
        #expect(
            result.stderr == """
                -: document 1: VirtualService default/reviews: spec.http[0].route[0].weight: must not be negative (got -5)
                -: document 1: VirtualService default/reviews: spec.http[0].retrys: unknown field
                invalid: 2 errors

                """
        )
    }

    @Test("-o json prints exactly one JSON document on stdout, valid or not")
    func json() throws {
        let result = try WeftProcess.run(["validate", "-f", "-", "-o", "json"], stdin: Self.invalid)
        #expect(result.status == 1)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            "stdout must be one JSON object"
        )
        #expect(object["valid"] as? Bool == false)
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.map { $0["field"] as? String } == ["spec.http[0].route[0].weight", "spec.http[0].retrys"])
        #expect(errors.first?["resource"] as? String == "VirtualService default/reviews")
        #expect(result.stderr.isEmpty)
    }

    @Test("A directory is read file by file and all errors of all files come out in one run")
    func directory() throws {
        let directory = try WeftProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.invalid.write(to: directory.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try Self.invalid.replacingOccurrences(of: "reviews", with: "ratings")
            .write(to: directory.appendingPathComponent("b.yml"), atomically: true, encoding: .utf8)
        try "not yaml at all: [".write(
            to: directory.appendingPathComponent("notes.txt"),
            atomically: true,
            encoding: .utf8
        )
        let result = try WeftProcess.run(["validate", "-f", directory.path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 5, "2 errors per YAML file plus the count; the .txt file is not read: \(lines)")
        #expect(lines.last == "invalid: 4 errors")
    }

    @Test(
        "Unreadable input exits 1 and never crashes",
        arguments: [
            "", "\u{0}\u{1}\u{2}", "{{{{", "- - - -", "apiVersion: [", "kind: 3\napiVersion: {}", "\u{FEFF}---\n...",
        ]
    )
    func garbage(input: String) throws {
        let result = try WeftProcess.run(["validate", "-f", "-"], stdin: input)
        #expect(result.status == 0 || result.status == 1, "exit \(result.status): \(result.stderr)")
    }

    @Test("A missing file is an error naming it")
    func missingFile() throws {
        let result = try WeftProcess.run(["validate", "-f", "/nonexistent/weft.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("/nonexistent/weft.yaml: no such file or directory\n"))
    }
}

@Suite("weft command tree (binary)")
struct CommandTreeTests {
    @Test("--help lists every command")
    func help() throws {
        let result = try WeftProcess.run(["--help"])
        #expect(result.status == 0)
        for command in [
            "agent", "enroll", "unenroll", "workloads", "mtls", "apply", "get", "delete", "validate", "explain",
            "status", "ca", "version",
        ] {
            #expect(result.stdout.contains("\n  \(command) "), "missing \(command) in --help")
        }
    }

    @Test("Usage errors exit 64")
    func usage() throws {
        #expect(try WeftProcess.run(["validate"]).status == 64)
        #expect(try WeftProcess.run(["no-such-command"]).status == 64)
    }

    @Test("version prints the version, as text and as JSON")
    func version() throws {
        let text = try WeftProcess.run(["version"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("weft "))
        let json = try WeftProcess.run(["version", "-o", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["version"] as? String == String(text.stdout.dropFirst(5).dropLast()))
    }

    @Test("Commands that are not built yet say so and exit non-zero", arguments: [["status"], ["workloads"]])
    func notBuilt(arguments: [String]) throws {
        let result = try WeftProcess.run(arguments + ["--socket", "/nonexistent.sock"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("not available in this build yet"))
    }
}
