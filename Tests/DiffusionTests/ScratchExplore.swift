import Foundation
import Testing
@testable import FeatureLearning

@Test func scratchExploreClassification() throws {
    for nsnr in [0.1, 0.3, 0.75, 1.5, 3, 6.75, 15, 30] {
      for noise in [NoiseModel.isotropic, .projected] {
        var outcomes: [String] = []
        for seed in 0..<6 {
        let config = ClassificationRunConfiguration(data: DataConfiguration(dimension: 1000, sampleCount: 30, nSNR2: nsnr, noiseModel: noise),
                                               width: 20, sigma0: 0.001, eta: 0.1, steps: 500, recordEvery: 100, testSampleCount: 500, seed: UInt64(seed))
        let t = try ClassificationTrainer.run(config)
        let s = t.summaries
        let k = t.firstStep(lossBelow: 0.1)
        let x = s[k ?? s.count - 1]
        outcomes.append(String(format: "k=%@ L=%.3f sig=%.2f/%.2f noi=%.2f/%.2f acc=%.2f", k.map(String.init) ?? "-", x.loss, min(x.signalMax[0], x.signalMax[1]), x.signalMaxAll, x.noiseMaxOwnMin, x.noiseMaxAll, t.records.last!.testAccuracy ?? -1))
        }
        print("nsnr=\(nsnr) \(noise.rawValue): " + outcomes.joined(separator: " | "))
      }
    }
}
