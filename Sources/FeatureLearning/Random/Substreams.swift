/// What a random stream is used for. Each purpose gets its own substream of an experiment seed, so
/// changing how many numbers one purpose consumes never shifts another (e.g. a larger test set does
/// not change the training data or the initialization).
public enum StreamPurpose: UInt64, Sendable, CaseIterable {
    case trainingData = 1
    case initialization = 2
    case diffusionNoise = 3
    case testData = 4
    case signalDirections = 5
    case repetition = 6
    case statisticalTest = 7
}

/// Derives independent generators from one experiment seed: the generator for (seed, purpose, index)
/// is seeded with `mix(mix(seed ^ mix(purpose)) &+ index)`, where `mix` is the SplitMix64
/// finalizer (a bijection), so distinct (purpose, index) pairs give unrelated seeds.
public struct SeedSequence: Sendable, Hashable, Codable {
    /// The experiment seed all substreams derive from.
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    /// The 64-bit seed of substream `index` of `purpose`.
    public func substreamSeed(_ purpose: StreamPurpose, index: UInt64 = 0) -> UInt64 {
        let purposeKey = SplitMix64.mix(purpose.rawValue &* 0x2545_f491_4f6c_dd1d)
        return SplitMix64.mix(SplitMix64.mix(seed ^ purposeKey) &+ index)
    }

    /// A generator for substream `index` of `purpose`.
    public func generator(_ purpose: StreamPurpose, index: UInt64 = 0) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: substreamSeed(purpose, index: index))
    }

    /// The child sequence for repetition `index` of a repeated experiment (e.g. seed `index` of a sweep).
    public func repetition(_ index: UInt64) -> SeedSequence {
        SeedSequence(seed: substreamSeed(.repetition, index: index))
    }
}
