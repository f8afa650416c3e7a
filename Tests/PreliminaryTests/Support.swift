import Foundation
import Testing
@testable import FeatureLearning

extension Tag {
    @Tag static var lemma: Self
    @Tag static var theorem: Self
    @Tag static var definition: Self
    @Tag static var erratum: Self
    @Tag static var toolkit: Self
}

/// Prints a measurement with the claim ID so that a test log shows the number, not only a verdict.
func report(_ claim: String, _ message: String) {
    print("[\(claim)] \(message)")
}

/// The package's Fixtures directory, found from this file's path.
let fixturesDirectory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

/// The one-sided z value with P(Z > z) = 5e-8: a two-sided check at this z fails a correct
/// implementation with probability 1e-7, so a test making up to ten such checks has a false-fail
/// rate of at most 1e-6 (union bound).
let zForOneInTenMillion: Double = SpecialFunctions.normalQuantile(1 - 5e-8)

/// Draws a Definition 2.1 / Section 5.1 data set with the given sizes.
func drawData(d: Int, n: Int, mu: Double, sigmaXi: Double = 1, noise: NoiseModel = .projected,
              basis: SignalBasis = .axes, seeds: SeedSequence) -> TwoPatchDataset {
    try! TwoPatchDataset.generate(DataConfiguration(dimension: d, sampleCount: n, signalNorm: mu, sigmaXi: sigmaXi,
                                                    noiseModel: noise, signalBasis: basis), seeds: seeds)
}
