import Testing
import WeftSystem
import WeftTestSupport

@Suite(
    "Network namespace scope",
    .serialized,
    .enabled(if: TestEnvironment.isRoot, "\(TestEnvironment.rootRequired)")
)
struct NetworkNamespaceTests {
    @Test("the body runs inside the namespace and the thread is back where it was afterwards, even when nested")
    func entersAndReturns() async throws {
        try await withNetnsPair { pair in
            let home = try NetworkNamespace.current().identity
            #expect(home != pair.workload.handle.identity)
            let seen = try pair.workload.handle.withEntered {
                let outer = try NetworkNamespace.current().identity
                let inner = try pair.peer.handle.withEntered { try NetworkNamespace.current().identity }
                let afterInner = try NetworkNamespace.current().identity
                return [outer, inner, afterInner]
            }
            #expect(seen == [pair.workload.handle.identity, pair.peer.handle.identity, pair.workload.handle.identity])
            #expect(try NetworkNamespace.current().identity == home)
        }
    }

    @Test("a body that throws still returns the thread")
    func throwingBody() async throws {
        struct Boom: Error {}
        try await withNetnsPair { pair in
            let home = try NetworkNamespace.current().identity
            #expect(throws: Boom.self) { try pair.workload.handle.withEntered { throw Boom() } }
            #expect(try NetworkNamespace.current().identity == home)
        }
    }

    @Test("two handles on one namespace have the same identity")
    func identity() async throws {
        try await withNetnsPair { pair in
            let again = try NetworkNamespace(named: pair.workload.name)
            #expect(again.identity == pair.workload.handle.identity)
            #expect(again.description == "/var/run/netns/\(pair.workload.name) (\(again.identity))")
        }
    }

    @Test("a file that is not a network namespace cannot be entered and nothing changes")
    func notANetworkNamespace() throws {
        let mount = try NetworkNamespace(path: "/proc/self/ns/mnt")
        let home = try NetworkNamespace.current().identity
        #expect(throws: SystemError("setns into /proc/self/ns/mnt", errno: 22)) {
            try mount.withEntered { Issue.record("the body must not run") }
        }
        #expect(try NetworkNamespace.current().identity == home)
    }

    @Test("a missing namespace is an error naming the path")
    func missing() {
        #expect(throws: SystemError("open network namespace /var/run/netns/weft-test-none", errno: 2)) {
            try NetworkNamespace(named: "weft-test-none")
        }
        let error = SystemError("open network namespace /var/run/netns/weft-test-none", errno: 2)
        #expect(
            error.description
                == "open network namespace /var/run/netns/weft-test-none: No such file or directory (errno 2)"
        )
    }
}
