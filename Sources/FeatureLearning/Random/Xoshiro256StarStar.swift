/// xoshiro256** 1.0 (Blackman & Vigna 2018), the project's only source of randomness.
///
/// Output `rotl(s1 * 5, 7) * 9`; then `t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
/// s2 ^= t; s3 = rotl(s3, 45)`. Period 2^256 - 1. Seeding from one `UInt64` fills the four state
/// words with four consecutive SplitMix64 outputs (the authors' recommendation), so state is never
/// all zero in practice. Known answer: state (1, 2, 3, 4) gives 11520, 0, 1509978240,
/// 1215971899390074240, ...
///
/// The conversions to `Double` are ours and documented (`nextUniform`, `nextOpenUniform`,
/// `nextStandardNormal`), so results do not depend on the standard library's
/// `random(in:using:)`, whose algorithm may change between Swift versions.
public struct Xoshiro256StarStar: Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64
    /// The four state words, for inspection.
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }
    /// The second normal of the last Box–Muller pair, if not yet returned.
    @usableFromInline var spareNormal: Double?

    /// A generator with the given raw state (not all zero).
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
        spareNormal = nil
    }

    /// A generator seeded by four consecutive SplitMix64 outputs from `seed`.
    public init(seed: UInt64) {
        var splitMix = SplitMix64(seed: seed)
        self.init(state: (splitMix.next(), splitMix.next(), splitMix.next(), splitMix.next()))
    }

    @inlinable
    static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    /// The next 64-bit output of xoshiro256**.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, 45)
        return result
    }

    /// A uniform double on [0, 1): the top 53 bits times 2^-53 (every value a multiple of 2^-53).
    @inlinable
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double on the open interval (0, 1): (top 53 bits + 1/2) times 2^-53.
    @inlinable
    public mutating func nextOpenUniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A standard normal N(0, 1) by the Box–Muller transform on two open uniforms u1, u2:
    /// `sqrt(-2 log u1) * cos(2 pi u2)` is returned and `sqrt(-2 log u1) * sin(2 pi u2)` is kept for
    /// the next call. Exact in distribution; uses exactly two 64-bit outputs per pair of normals.
    @inlinable
    public mutating func nextStandardNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let u1 = nextOpenUniform()
        let u2 = nextOpenUniform()
        let radius = (-2.0 * log(u1)).squareRoot()
        let angle = 2.0 * Double.pi * u2
        spareNormal = radius * sin(angle)
        return radius * cos(angle)
    }

    /// A label uniform on {+1, -1}: the top bit of one output.
    @inlinable
    public mutating func nextSign() -> Int {
        (next() >> 63) == 0 ? 1 : -1
    }

    /// Fills `count` entries at `pointer` with independent N(0, scale^2) values.
    @inlinable
    public mutating func fillNormal(_ pointer: UnsafeMutablePointer<Double>, count: Int, scale: Double) {
        for index in 0..<count { pointer[index] = scale * nextStandardNormal() }
    }
}

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
