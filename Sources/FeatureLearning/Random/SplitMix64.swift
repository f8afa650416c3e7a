/// SplitMix64 (Steele, Lea & Flood 2014), used to expand a 64-bit seed into generator state and to
/// derive independent substream seeds.
///
/// `state += 0x9e3779b97f4a7c15; z = state; z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
/// z = (z ^ (z >> 27)) * 0x94d049bb133111eb; return z ^ (z >> 31)`.
/// Period 2^64. Known answer: seed 1234567 gives 6457827717110365317, 3203168211198807973, ...
public struct SplitMix64: Sendable {
    /// The Weyl-sequence state.
    @usableFromInline var state: UInt64
    /// The current state, for inspection.
    public var currentState: UInt64 { state }

    /// A generator whose first call adds the golden-ratio increment to `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64-bit output.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finalizer (Stafford's variant 13), a bijection on UInt64 with full avalanche.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
