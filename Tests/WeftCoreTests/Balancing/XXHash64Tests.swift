import Testing
import WeftCore

@Suite("xxHash64")
struct XXHash64Tests {
    @Test(
        "Matches the reference implementation's values",
        arguments: [
            ("", UInt64(0), UInt64(0xEF46_DB37_51D8_E999)),
            ("a", 0, 0xD24E_C4F1_A98C_6E5B),
            ("abc", 0, 0x44BC_2CF5_AD77_0999),
            ("Nobody inspects the spammish repetition", 0, 0xFBCE_A83C_8A37_8BF1),
            ("Nobody inspects the spammish repetition", 20_141_025, 0xCE06_9361_3685_2706),
            ("10.0.0.1:8080_0", 0, 0x23A2_9AE7_75DF_D4A3),
            ("0123456789abcdef0123456789abcdefXYZ12345", 1, 0x4798_742D_E114_4C1F),
        ]
    )
    func referenceValues(text: String, seed: UInt64, expected: UInt64) {
        #expect(XXHash64.hash(text, seed: seed) == expected)
    }
}
