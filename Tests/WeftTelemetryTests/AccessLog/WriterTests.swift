import Logging
import Testing
import WeftTelemetry

#if canImport(Glibc)
import Glibc
#endif

@Suite("Access-log writer, log handler and file descriptor sink")
struct WriterTests {
    private struct Refused: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    @Test("The writer stamps the injected time and writes one line per event in its format")
    func accessLogWriter() {
        let sink = CollectingSink()
        let writer = AccessLogWriter(format: .json, sink: sink, clock: { fixedTime })
        let record = ConnectionAccessRecord(
            sourceAddress: "10.248.1.2:1",
            destinationAddress: "10.248.2.5:2",
            direction: .outbound
        )
        writer.connectionOpened(record)
        writer.connectionClosed(record, ConnectionOutcome(bytes: .zero, duration: .zero, error: "refused"))
        writer.requestCompleted(
            RequestAccessRecord(
                method: "GET",
                path: "/",
                httpProtocol: "HTTP/2",
                responseCode: 204,
                bytesReceived: 1,
                bytesSent: 2,
                duration: .zero
            )
        )
        #expect(
            sink.lines == [
                #"{"level":"info","time":"2026-11-20T09:05:03.012345Z","scope":"access","message":"connection opened","#
                    + #""src.addr":"10.248.1.2:1","dst.addr":"10.248.2.5:2","direction":"outbound"}"#,
                #"{"level":"error","time":"2026-11-20T09:05:03.012345Z","scope":"access","message":"connection complete","#
                    + #""src.addr":"10.248.1.2:1","dst.addr":"10.248.2.5:2","direction":"outbound","bytes_sent":0,"#
                    + #""bytes_recv":0,"duration":"0ms","error":"refused"}"#,
                #"{"level":"info","time":"2026-11-20T09:05:03.012345Z","scope":"access","message":"request complete","#
                    + #""method":"GET","path":"/","protocol":"HTTP/2","response_code":204,"response_flags":"-","#
                    + #""grpc_status":null,"bytes_received":1,"bytes_sent":2,"duration":0,"upstream_host":null,"#
                    + #""authority":null,"downstream_remote_address":null,"user_agent":null,"request_id":null,"#
                    + #""traceparent":null}"#,
            ]
        )
    }

    @Test("The swift-log handler writes one line: label as scope, merged metadata sorted, error last")
    func logHandler() {
        let sink = CollectingSink()
        var logger = Logger(label: "weft.agent") { label in
            LineLogHandler(label: label, format: .text, sink: sink, clock: { fixedTime })
        }
        logger[metadataKey: "node"] = "node-a"
        logger.info("enrolled workload", metadata: ["workload": "sleep", "namespace": "default", "node": "node-b"])
        logger.debug("below the level: not written")
        logger.error("upstream failed", error: Refused())
        logger.logLevel = .debug
        logger.debug("now written")
        #expect(
            sink.lines == [
                "2026-11-20T09:05:03.012345Z\tinfo\tweft.agent\tenrolled workload\tnamespace=default node=node-b "
                    + "workload=sleep",
                "2026-11-20T09:05:03.012345Z\terror\tweft.agent\tupstream failed\tnode=node-a error=\"connection refused\"",
                "2026-11-20T09:05:03.012345Z\tdebug\tweft.agent\tnow written\tnode=node-a",
            ]
        )
    }

    @Test("The swift-log handler renders JSON too")
    func logHandlerJSON() {
        let sink = CollectingSink()
        let logger = Logger(label: "weft.dns") { label in
            LineLogHandler(label: label, format: .json, sink: sink, clock: { fixedTime })
        }
        logger.warning("upstream slow", metadata: ["ms": "1200"])
        #expect(
            sink.lines == [
                #"{"level":"warn","time":"2026-11-20T09:05:03.012345Z","scope":"weft.dns","message":"upstream slow","ms":"1200"}"#
            ]
        )
    }

    #if canImport(Glibc)
    @Test("Concurrent writers to one file descriptor never interleave lines")
    func noInterleaving() async throws {
        var template = Array("/tmp/weft-telemetry-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        try #require(descriptor >= 0)
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer {
            close(descriptor)
            unlink(path)
        }
        let sink = FileDescriptorLineSink(fileDescriptor: descriptor)
        let writers = 8
        let linesPerWriter = 400
        // Lines well above a typical stdio buffer's granularity, each identifiable and self-checking.
        let line: @Sendable (Int, Int) -> String = { writer, index in
            "writer=\(writer) index=\(index) " + String(repeating: "x", count: 300 + writer)
        }
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in 0..<linesPerWriter { sink.write(line: line(writer, index)) }
                }
            }
        }
        lseek(descriptor, 0, SEEK_SET)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        let written = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(written.count == writers * linesPerWriter)
        let expected = Set((0..<writers).flatMap { writer in (0..<linesPerWriter).map { line(writer, $0) } })
        #expect(Set(written) == expected)
        // Each writer's own lines stay in the order it wrote them.
        for writer in 0..<writers {
            let own = written.filter { $0.hasPrefix("writer=\(writer) ") }
            #expect(own == (0..<linesPerWriter).map { line(writer, $0) })
        }
    }
    #endif
}
