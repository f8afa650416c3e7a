import Foundation
import Testing
@testable import FeatureLearning

@Test func scratchExploreD1() throws {
    var c = ClassificationRunConfiguration(
        data: DataConfiguration(dimension: 40_000, sampleCount: 5, nSNR2: 10, noiseModel: .projected),
        width: 5, sigma0: 0.0033, eta: 6.25e-6, steps: 1500, recordEvery: 1, testSampleCount: 0, seed: 0)
    c.referencePoints = true
    let t = try ClassificationTrainer.run(c)
    for k in [0, 5, 10, 20, 40, 80, 160, 320, 640, 1000, 1499] {
        let s = t.summaries[k]
        print("k=\(k) L=\(s.loss) sigmax=\(s.signalMax) sigmean=\(s.signalMean) noiseMaxAll=\(s.noiseMaxAll) minl'=\(s.minAbsLossDerivative)")
    }
}
