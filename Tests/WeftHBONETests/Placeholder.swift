import NIOEmbedded
import NIOPosix
import Testing

@testable import WeftHBONE
