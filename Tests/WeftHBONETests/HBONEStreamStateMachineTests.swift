import NIOCore
import NIOHTTP2
import Testing
import WeftCore
import WeftHBONE

@Suite("HBONE stream state machines")
struct HBONEStreamStateMachineTests {
    @Test("Server: a valid CONNECT asks for a decision; DATA waits, reads are held, and acceptance replays in order")
    func serverAccept() {
        var machine = HBONEConnectServerStateMachine()
        guard case .decide(let request) = machine.receivedFrame(.connect("10.0.0.2:80")) else {
            Issue.record("expected a decision request")
            return
        }
        #expect(request.authority.description == "10.0.0.2:80")
        guard case .none = machine.receivedFrame(.bytes("a")),
            case .none = machine.receivedFrame(.bytes("b", endStream: true))
        else {
            Issue.record("DATA must be buffered while deciding")
            return
        }
        let held = machine.read()
        #expect(!held, "reads are held while deciding")
        guard case .accept(let replay) = machine.decided(.ok) else {
            Issue.record("expected acceptance")
            return
        }
        #expect(replay.map { $0.dataText?.text } == ["a", "b"])
        #expect(replay.map { $0.dataText?.endStream } == [false, true])
        let passed = machine.read()
        #expect(passed)
        guard case .forward = machine.receivedFrame(.bytes("c")) else {
            Issue.record("after acceptance frames go to the relay")
            return
        }
    }

    @Test("Server: END_STREAM on the CONNECT headers is replayed as end of input")
    func serverHeadersEndStream() {
        var machine = HBONEConnectServerStateMachine()
        _ = machine.receivedFrame(
            .requestHeaders([(":method", "CONNECT"), (":authority", "10.0.0.2:80")], endStream: true)
        )
        guard case .accept(let replay) = machine.decided(.ok) else {
            Issue.record("expected acceptance")
            return
        }
        #expect(replay.map { $0.dataText?.endStream } == [true])
    }

    @Test("Server: a refusal is answered; a decision for a stream that is gone closes the upstream")
    func serverRefuseAndGone() {
        var refused = HBONEConnectServerStateMachine()
        _ = refused.receivedFrame(.connect("10.0.0.2:80"))
        guard case .reject(let status) = refused.decided(.denied(reason: "no")) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(status.code == 401)
        guard case .none = refused.receivedFrame(.bytes("late")) else {
            Issue.record("frames after a refusal are dropped")
            return
        }

        var gone = HBONEConnectServerStateMachine()
        _ = gone.receivedFrame(.connect("10.0.0.2:80"))
        gone.closed()
        guard case .discardUpstream = gone.decided(.ok) else {
            Issue.record("expected the upstream to be discarded")
            return
        }
    }

    @Test("Server: a stream that starts with DATA is a malformed request")
    func serverDataFirst() {
        var machine = HBONEConnectServerStateMachine()
        guard case .reject(let status) = machine.receivedFrame(.bytes("x")) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(status.code == 400)
    }

    @Test("Client: informational responses are skipped, 200 opens, later DATA waits for the relay")
    func clientFlow() {
        var machine = HBONEConnectClientStateMachine()
        let first = machine.activated()
        let second = machine.activated()
        #expect(first && !second, "the request is sent once")
        guard case .none = machine.receivedFrame(.requestHeaders([(":status", "103")])),
            case .succeed(nil) = machine.receivedFrame(.requestHeaders([(":status", "200")]))
        else {
            Issue.record("expected 103 to be skipped and 200 to open the tunnel")
            return
        }
        _ = machine.receivedFrame(.bytes("early"))
        let held = machine.read()
        #expect(!held)
        let replay = machine.startRelaying()
        #expect(replay.map { $0.dataText?.text } == ["early"])
        let passed = machine.read()
        #expect(passed)
        let close = machine.closed()
        #expect(close == .none)
    }

    @Test("Client: a close before any response fails the caller once")
    func clientEarlyClose() {
        var machine = HBONEConnectClientStateMachine()
        _ = machine.activated()
        let first = machine.closed()
        let second = machine.closed()
        #expect(first == .fail(.streamClosedBeforeResponse))
        #expect(second == .none)
    }
}
