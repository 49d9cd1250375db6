import Testing
import WeftIdentity

@Suite("Peer acceptance after a TLS 1.3 handshake")
struct PeerAcceptanceStateMachineTests {
    enum Event: String, CaseIterable {
        case handshake, data, error, close
    }

    static func run(_ events: [Event]) -> [PeerAcceptanceStateMachine.Action] {
        var machine = PeerAcceptanceStateMachine()
        return events.map { event in
            switch event {
            case .handshake: return machine.handshakeCompleted()
            case .data: return machine.dataReceived()
            case .error: return machine.errorCaught()
            case .close: return machine.closed()
            }
        }
    }

    @Test(
        "Each event sequence reports exactly the right outcome, once",
        arguments: [
            // The server spoke after the handshake: accepted; a later close is ordinary.
            ([.handshake, .data, .close], [.none, .accept, .none]),
            ([.handshake, .data, .data], [.none, .accept, .none]),
            // Handshake complete, then EOF or an alert before any byte: the late TLS 1.3 rejection.
            ([.handshake, .close], [.none, .fail(.rejectedAfterHandshake)]),
            ([.handshake, .error, .close], [.none, .fail(.rejectedAfterHandshake), .none]),
            // Failure during the handshake itself.
            ([.error, .close], [.fail(.handshakeFailed), .none]),
            ([.close], [.fail(.handshakeFailed)]),
            // An error after acceptance is not an authentication failure.
            ([.handshake, .data, .error], [.none, .accept, .none]),
        ] as [([Event], [PeerAcceptanceStateMachine.Action])]
    )
    func outcomes(events: [Event], actions: [PeerAcceptanceStateMachine.Action]) {
        #expect(Self.run(events) == actions)
    }

    @Test("The operator message for a late rejection says what to check")
    func lateRejectionMessage() {
        let error = TLSAuthenticationError(.rejectedAfterHandshake, peer: "10.248.2.5:15008", underlying: "EOF")
        #expect(
            error.description
                == "mTLS to 10.248.2.5:15008 was refused by the peer after the handshake: it did not accept this node's certificate (missing, from another CA root, of another trust domain, or expired?) (EOF)"
        )
    }
}
