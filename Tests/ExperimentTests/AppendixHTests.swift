import Foundation
import Testing
@testable import FeatureLearning

/// Appendix H: three-layer ReLU versions of both models on the Sec 5.1 data. The paper gives no
/// initialization or step size for them; we use first-layer rows N(0, 1/d), second-layer rows
/// N(0, 1/m), eta = 0.1 (classification) and 0.05 (diffusion, 2 Monte Carlo draws per sample, patch
/// and step), 300 steps. Learning is read on the first layer as the change from initialization:
/// signal = mean_i max_r |<w_r - w_r^0, mu_{y_i}>|, noise = mean_i max_r |<w_r - w_r^0, xi_i>|.
@Suite("Three-layer ReLU networks (Appendix H)", .tags(.experiment))
struct AppendixHTests {
    struct Outcome: Sendable { var classification: Double; var diffusion: Double }

    static func run(mu: Double) throws -> Outcome {
        let data = try TwoPatchDataset.generate(DataConfiguration(dimension: 1000, sampleCount: 30, signalNorm: mu, noiseModel: .isotropic), seeds: SeedSequence(seed: 0))
        var g = SeedSequence(seed: 0).generator(.initialization)
        let w0 = try Initialization.gaussian(neurons: 20, dimension: 1000, sigma0: 1 / 1000.0.squareRoot(), generator: &g)
        let wp = try Initialization.gaussian(neurons: 20, dimension: 20, sigma0: 1 / 20.0.squareRoot(), generator: &g)
        let wm = try Initialization.gaussian(neurons: 20, dimension: 20, sigma0: 1 / 20.0.squareRoot(), generator: &g)
        let c = try ThreeLayerReLU.trainClassification(data: data, w0: w0, wPlus: wp, wMinus: wm, eta: 0.1, steps: 300)
        let d = try ThreeLayerReLU.trainDiffusion(data: data, w1: w0, w2: wp, time: DiffusionTime(t: 0.2), eta: 0.05, steps: 300, noiseSamples: 2, seed: 0)
        #expect(c.losses.last! < 0.1 * c.losses.first!)
        #expect(d.losses.suffix(20).reduce(0, +) < d.losses.prefix(20).reduce(0, +))
        let cl = ThreeLayerReLU.firstLayerLearning(initial: w0, final: c.w0, data: data)
        let dl = ThreeLayerReLU.firstLayerLearning(initial: w0, final: d.w1, data: data)
        return Outcome(classification: cl.signal / cl.noise, diffusion: dl.signal / dl.noise)
    }

    /// The claim: classification is biased towards one feature depending on the SNR, with a much larger gap
    /// than diffusion. Operational: |log ratio| larger for classification than for diffusion at each SNR,
    /// and the classification ratio below 1/3 at n SNR^2 = 0.75 and above 3 at 6.75.
    @Test("APP-H — three-layer ReLU: classification's feature gap exceeds diffusion's", .tags(.erratum))
    func appendixHThreeLayer() throws {
        let low = try Self.run(mu: 5), high = try Self.run(mu: 15)
        report("APP-H", String(format: "signal/noise ratio: n SNR^2 = 0.75 classification %.3f diffusion %.3f; 6.75 classification %.3f diffusion %.3f", low.classification, low.diffusion, high.classification, high.diffusion))
        #expect(high.classification > 3 && abs(log(high.classification)) > abs(log(high.diffusion)))
        withKnownIssue("at low SNR the three-layer ReLU classifier's first layer learns signal and noise to a similar scale") {
            #expect(low.classification < 1.0 / 3 && abs(log(low.classification)) > abs(log(low.diffusion)))
        }
    }
}
