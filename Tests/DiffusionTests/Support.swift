import Foundation
import Testing
@testable import FeatureLearning

extension Tag {
    @Tag static var lemma: Self
    @Tag static var theorem: Self
    @Tag static var identity: Self
    @Tag static var erratum: Self
    @Tag static var sweep: Self
}

func report(_ claim: String, _ message: String) { print("[\(claim)] \(message)") }

/// The z value with two-sided tail 1e-7 (normal approximation).
let zOneInTenMillion: Double = SpecialFunctions.normalQuantile(1 - 5e-8)

func smallData(d: Int, n: Int, mu: Double, noise: NoiseModel = .projected, seed: UInt64) -> TwoPatchDataset {
    try! TwoPatchDataset.generate(DataConfiguration(dimension: d, sampleCount: n, signalNorm: mu, noiseModel: noise), seeds: SeedSequence(seed: seed))
}

func randomWeights(m: Int, d: Int, scale: Double, seed: UInt64) -> Matrix {
    var g = Xoshiro256StarStar(seed: seed)
    return try! Initialization.gaussian(neurons: m, dimension: d, sigma0: scale, generator: &g)
}

/// The learning rate rule for diffusion runs (the paper gives none): start at eta = 0.05 and halve
/// while the run diverges or oscillates (`DiffusionTrainer.runSelectingStepSize`).
func diffusionConfiguration(nSNR2: Double, noise: NoiseModel = .isotropic, m: Int = 20, sigma0: Double = 0.001, d: Int = 1000,
                            n: Int = 30, seed: UInt64 = 1, steps: Int = 40_000, recordEvery: Int = 50, t: Double = 0.2) -> DiffusionRunConfiguration {
    DiffusionRunConfiguration(data: DataConfiguration(dimension: d, sampleCount: n, nSNR2: nSNR2, noiseModel: noise),
                              width: m, sigma0: sigma0, eta: 0.05, steps: steps, recordEvery: recordEvery,
                              diffusion: DiffusionTime(t: t), seed: seed)
}

/// Signal and noise learning of one record: per neuron r, s_r = mean_j |<w_r, mu_j>| and
/// x_r = mean_i |<w_r, xi_i>|.
struct LearningLevels {
    var signal: [Double]
    var noise: [Double]
    init(_ record: DiffusionRecord, basis: PatchBasis) {
        let m = record.gram.rows
        let signalColumns = Array(Set(basis.signalIndex)).sorted()
        signal = (0..<m).map { r in signalColumns.map { abs(record.products[r, $0]) }.reduce(0, +) / Double(signalColumns.count) }
        noise = (0..<m).map { r in basis.noiseIndex.map { abs(record.products[r, $0]) }.reduce(0, +) / Double(basis.noiseIndex.count) }
    }
    var meanRatio: Double { signal.reduce(0, +) / noise.reduce(0, +) }
    var maxRatio: Double { signal.max()! / noise.max()! }
}
