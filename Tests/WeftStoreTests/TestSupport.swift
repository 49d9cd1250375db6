import Foundation
import Testing
import WeftConfig
import WeftCore

@testable import WeftStore

/// A fresh directory under the system temp dir, removed after `body` (also when it throws).
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = NSTemporaryDirectory() + "weft-store-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// A PeerAuthentication document; `mode` is written as given, so tests can make it invalid.
func peerAuthentication(_ name: String, namespace: String = "default", mode: String = "STRICT") -> String {
    """
    apiVersion: security.istio.io/v1
    kind: PeerAuthentication
    metadata:
      name: \(name)
      namespace: \(namespace)
    spec:
      mtls:
        mode: \(mode)

    """
}

func paID(_ name: String, namespace: String = "default") -> ResourceID {
    ResourceID(kind: .peerAuthentication, namespace: namespace, name: name)
}

/// A VirtualService for `reviews` sending everything to subset `subset`.
func reviewsRoute(subset: String) -> String {
    """
    apiVersion: networking.istio.io/v1
    kind: VirtualService
    metadata:
      name: reviews
    spec:
      hosts: [reviews]
      http:
      - route:
        - destination:
            host: reviews
            subset: \(subset)

    """
}

/// A DestinationRule for `reviews` defining the given subsets (labelled `version: NAME`).
func reviewsSubsets(_ subsets: [String]) -> String {
    var text = """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: reviews
        spec:
          host: reviews
          subsets:

        """
    for subset in subsets {
        text += "  - name: \(subset)\n    labels:\n      version: \(subset)\n"
    }
    return text
}

let reviewsRouteID = ResourceID(kind: .virtualService, namespace: "default", name: "reviews")
let reviewsSubsetsID = ResourceID(kind: .destinationRule, namespace: "default", name: "reviews")

/// A source named like a file the operator applied.
func source(_ name: String, _ documents: String...) -> ConfigSource {
    ConfigSource(name: name, text: documents.joined(separator: "---\n"))
}

/// Runs `operation` and returns the StoreError it throws (nil if it did not throw; any other error is an issue).
func storeError<T>(_ operation: () async throws -> T) async -> StoreError? {
    do {
        _ = try await operation()
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        Issue.record("expected a StoreError, got \(error)")
        return nil
    }
}

/// Collects what an async sequence delivers, so a test can wait for a count with a time bound instead of blocking on
/// `next()` forever. The bounds are generous because the whole test suite runs in parallel on two shared cores;
/// they only run out when something is broken.
actor Collector<Element: Sendable> {
    private(set) var items: [Element] = []
    private var task: Task<Void, Never>?

    func append(_ item: Element) { self.items.append(item) }

    /// Starts consuming `sequence` in a task; `stop()` cancels it.
    func start<S: AsyncSequence & Sendable>(_ sequence: S) where S.Element == Element {
        self.task = Task { [weak self] in
            do {
                for try await item in sequence { await self?.append(item) }
            } catch {}
        }
    }

    /// Cancels the consuming task and waits until it ended, so nothing is appended afterwards.
    func stop() async {
        self.task?.cancel()
        await self.task?.value
    }

    /// Waits until at least `count` items arrived, polling every 5 ms for at most `timeout`. Returns the items.
    func wait(for count: Int, timeout: Duration = .seconds(60)) async -> [Element] {
        let deadline = ContinuousClock.now + timeout
        while self.items.count < count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return self.items
    }
}

/// Polls `condition` every 5 ms until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(60), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return await condition()
}

/// Writes `text` to `path` in place (not atomically: tests use it to fake crash leftovers and damage).
func writeFile(_ path: String, _ text: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

/// Replaces `path` with `text` atomically (temp file + rename), as a GitOps tool would update a config file.
func replaceFile(_ path: String, _ text: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
}

/// The store backends the contract tests run against. An etcd store joins here (started per test by the etcd
/// issue's harness), and every contract test then runs on it too.
enum StoreBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case local

    var description: String { self.rawValue }
}

/// A fresh, empty store of `backend`, keeping its state under `directory`.
func makeStore(_ backend: StoreBackend, in directory: String) throws -> any ClusterStore {
    switch backend {
    case .local: return try LocalStore(stateDirectory: directory)
    }
}
