import NIOHPACK
import Testing
import WeftCore
import WeftHBONE

@Suite("HBONE CONNECT request")
struct HBONEConnectRequestTests {
    static let full = HBONEConnectRequest(
        authority: try! HBONEAuthority(parsing: "10.0.0.2:8080"),
        forwarded: Forwarded(for: .init(address: IPAddress("10.0.0.1")!, port: 40000)),
        peerMetadata: PeerMetadata(namespace: "default", workloadName: "sleep", serviceName: "sleep"),
        traceParent: try! TraceParent(parsing: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00")
    )

    @Test("The client sends exactly ztunnel's header block, pseudo headers first")
    func headers() {
        let headers = Self.full.headers.map { "\($0.name): \($0.value)" }
        #expect(
            headers == [
                ":method: CONNECT",
                ":authority: 10.0.0.2:8080",
                "forwarded: for=\"10.0.0.1:40000\"",
                "baggage: k8s.namespace.name=default,k8s.deployment.name=sleep,service.name=sleep",
                "traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00",
            ]
        )
    }

    @Test("The server reads back what the client sent")
    func roundTrip() throws {
        #expect(try HBONEConnectRequest(validating: Self.full.headers) == Self.full)
        let bare = HBONEConnectRequest(authority: try HBONEAuthority(parsing: "[fd00::2]:80"))
        #expect(bare.headers.count == 2)
        #expect(try HBONEConnectRequest(validating: bare.headers) == bare)
    }

    @Test(
        "Requests that are not a classic CONNECT to IP:port are answered 400 with the reason",
        arguments: [
            (
                [(":method", "GET"), (":scheme", "https"), (":path", "/"), (":authority", "a:1")], 400,
                "method GET is not CONNECT"
            ),
            ([(":method", "GET"), (":authority", "10.0.0.2:80")], 400, "method GET is not CONNECT"),
            ([(":authority", "10.0.0.2:80")], 400, "method (none) is not CONNECT"),
            ([(":method", "CONNECT")], 400, "the request has no :authority"),
            (
                [(":method", "CONNECT"), (":authority", "10.0.0.2")], 400,
                "authority \"10.0.0.2\" has no port (expected IP:PORT or [IPv6]:PORT)"
            ),
            (
                [(":method", "CONNECT"), (":authority", "svc.ns:80")], 400,
                "authority \"svc.ns:80\" does not name an IP address (expected IP:PORT or [IPv6]:PORT)"
            ),
            (
                [(":method", "CONNECT"), (":authority", "10.0.0.2:80"), (":path", "/")], 400,
                "pseudo header :path is not allowed on a CONNECT tunnel"
            ),
            (
                [(":method", "CONNECT"), (":authority", "10.0.0.2:80"), (":scheme", "https")], 400,
                "pseudo header :scheme is not allowed on a CONNECT tunnel"
            ),
            (
                [(":method", "CONNECT"), (":protocol", "websocket"), (":authority", "10.0.0.2:80")], 400,
                "pseudo header :protocol is not allowed on a CONNECT tunnel"
            ),
            (
                [(":method", "CONNECT"), (":method", "CONNECT"), (":authority", "10.0.0.2:80")], 400,
                "pseudo header :method is repeated"
            ),
            (
                [(":method", "CONNECT"), (":authority", "10.0.0.2:80"), (":authority", "10.0.0.3:80")], 400,
                "pseudo header :authority is repeated"
            ),
        ] as [([(String, String)], Int, String)]
    )
    func rejects(pairs: [(String, String)], code: Int, reason: String) {
        do {
            _ = try HBONEConnectRequest(validating: HPACKHeaders(pairs))
            Issue.record("expected a rejection")
        } catch {
            #expect(error.status.code == code)
            #expect(error.status.reason == reason)
        }
    }

    @Test("Malformed optional headers are dropped, never a reason to refuse")
    func tolerantOptionalHeaders() throws {
        let headers = HPACKHeaders([
            (":method", "CONNECT"), (":authority", "10.0.0.2:80"), ("forwarded", "for=unknown"),
            ("baggage", "%%%,,=="), ("traceparent", "garbage"), ("x-other", "kept out"),
        ])
        let request = try HBONEConnectRequest(validating: headers)
        #expect(request.authority.description == "10.0.0.2:80")
        #expect(request.forwarded == Forwarded(for: nil))
        #expect(request.peerMetadata == PeerMetadata())
        #expect(request.traceParent == nil)
    }
}

@Suite("HBONE response status")
struct HBONEResponseStatusTests {
    static let authority = try! HBONEAuthority(parsing: "10.0.0.2:8080")

    @Test(
        "Each server condition of ztunnel's inbound path maps to its exact status",
        arguments: [
            (HBONEResponseStatus.ok, 200, "200 tunnel established"),
            (.methodNotConnect(method: "GET"), 400, "400 method GET is not CONNECT"),
            (.invalidAuthority("bad"), 400, "400 bad"),
            (.malformedRequest("pseudo header :path is not allowed"), 400, "400 pseudo header :path is not allowed"),
            (
                .destinationMismatch(authority: authority, connectedTo: IPAddress("10.0.0.3")!), 400,
                "400 authority 10.0.0.2:8080 does not match the address the connection reached (10.0.0.3)"
            ),
            (.unknownWorkload(IPAddress("10.0.0.2")!), 503, "503 no local workload has address 10.0.0.2"),
            (
                .portUnavailable(port: 15008, reason: "it is the agent's own port"), 503,
                "503 port 15008 cannot be served: it is the agent's own port"
            ),
            (
                .denied(reason: "ALLOW policy foo/bar did not match"), 401,
                "401 denied by authorization policy: ALLOW policy foo/bar did not match"
            ),
            (
                .upstreamUnavailable(authority: authority, reason: "connection refused"), 503,
                "503 connection to the application at 10.0.0.2:8080 failed: connection refused"
            ),
        ]
    )
    func mapping(status: HBONEResponseStatus, code: Int, text: String) {
        #expect(status.code == code)
        #expect(status.description == text)
    }
}
