import Testing
import WeftTelemetry

@Suite("Request access-log lines (Envoy-like)")
struct RequestAccessRecordTests {
    private let record = RequestAccessRecord(
        method: "GET",
        path: "/reviews/0?user=jason",
        httpProtocol: "HTTP/1.1",
        responseCode: 200,
        bytesReceived: 231,
        bytesSent: 1024,
        duration: .microseconds(12_700),
        upstreamHost: "10.248.2.5:9080",
        authority: "reviews:9080",
        downstreamRemoteAddress: "10.248.1.2:43210",
        userAgent: "curl/8.5.0 (x86_64)",
        requestID: "6f1c2b3a-9d4e-4f5a-8b6c-7d8e9f0a1b2c",
        traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    )

    @Test("Text: every key in Envoy's order, values quoted when they hold spaces or '='")
    func text() {
        #expect(
            self.record.line(at: fixedTime).text
                == "2026-11-20T09:05:03.012345Z\tinfo\taccess\trequest complete\tmethod=GET "
                + #"path="/reviews/0?user=jason" protocol=HTTP/1.1 response_code=200 response_flags=- grpc_status=- "#
                + "bytes_received=231 bytes_sent=1024 duration=12 upstream_host=10.248.2.5:9080 authority=reviews:9080 "
                + #"downstream_remote_address=10.248.1.2:43210 user_agent="curl/8.5.0 (x86_64)" "#
                + "request_id=6f1c2b3a-9d4e-4f5a-8b6c-7d8e9f0a1b2c "
                + "traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        )
    }

    @Test("JSON: stable key order, numbers as numbers, absent values as null")
    func json() {
        #expect(
            self.record.line(at: fixedTime).json
                == #"{"level":"info","time":"2026-11-20T09:05:03.012345Z","scope":"access","#
                + #""message":"request complete","method":"GET","path":"/reviews/0?user=jason","#
                + #""protocol":"HTTP/1.1","response_code":200,"response_flags":"-","grpc_status":null,"#
                + #""bytes_received":231,"bytes_sent":1024,"duration":12,"upstream_host":"10.248.2.5:9080","#
                + #""authority":"reviews:9080","downstream_remote_address":"10.248.1.2:43210","#
                + #""user_agent":"curl/8.5.0 (x86_64)","request_id":"6f1c2b3a-9d4e-4f5a-8b6c-7d8e9f0a1b2c","#
                + #""traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}"#
        )
    }

    @Test("A reset gRPC request: code 0, flags, gRPC status, missing values as - and null")
    func resetGRPC() {
        let reset = RequestAccessRecord(
            method: "POST",
            path: "/helloworld.Greeter/SayHello",
            httpProtocol: "HTTP/2",
            responseCode: nil,
            responseFlags: ResponseFlags(combining: [.upstreamConnectionFailure, .upstreamRetryLimitExceeded]),
            grpcStatus: 14,
            bytesReceived: 20,
            bytesSent: 0,
            duration: .seconds(1)
        )
        let line = reset.line(at: fixedTime)
        #expect(
            line.text
                == "2026-11-20T09:05:03.012345Z\tinfo\taccess\trequest complete\tmethod=POST "
                + "path=/helloworld.Greeter/SayHello protocol=HTTP/2 response_code=0 response_flags=UF,URX "
                + "grpc_status=14 bytes_received=20 bytes_sent=0 duration=1000 upstream_host=- authority=- "
                + "downstream_remote_address=- user_agent=- request_id=- traceparent=-"
        )
        #expect(
            line.json.hasSuffix(
                #""response_code":0,"response_flags":"UF,URX","grpc_status":14,"bytes_received":20,"bytes_sent":0,"#
                    + #""duration":1000,"upstream_host":null,"authority":null,"downstream_remote_address":null,"#
                    + #""user_agent":null,"request_id":null,"traceparent":null}"#
            )
        )
    }

    @Test("A hostile path cannot break the line")
    func hostilePath() {
        var hostile = self.record
        hostile.path = "/a\n2026-01-01T00:00:00.000000Z\tinfo\taccess\tfake=\"x\""
        let line = hostile.line(at: fixedTime)
        #expect(!line.text.contains("\n") && !line.json.contains("\n"))
        #expect(line.text.contains(#"path="/a\n2026-01-01T00:00:00.000000Z\tinfo\taccess\tfake=\"x\"" "#))
    }
}
