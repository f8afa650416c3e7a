import Foundation
import Testing
@testable import FeatureLearning

/// Appendix F: the VAE with a shared quadratic encoder/decoder (phi(x) = (Wx)^2, psi(z) = W^T z,
/// sigma(x) = V x, lambda = 0.001), on the Sec 5.1 data (d = 1000, n = 30, m = 20, sigma0 = 0.001).
/// The paper gives no learning rate; eta = 3e-4 (1e-3 diverges at step 47), 2000 steps.
@Suite("VAE (Appendix F)", .tags(.experiment))
struct AppendixFTests {
    /// App F's reduction E_xi ||x - W^T phi - W^T (sigma o xi)||^2 = ||x - W^T phi||^2 + sum_r sigma_r^2 ||w_r||^2,
    /// checked by Monte Carlo (20,000 draws, 5.33 SE); its last printed line drops the square of (Wx)^2.
    @Test("APP-F — the VAE loss reduction: exact expectation vs Monte Carlo; the printed final line drops a square", .tags(.erratum))
    func appendixFLossReduction() throws {
        var g = Xoshiro256StarStar(seed: 1)
        let m = 3, d = 8
        let w = try Initialization.gaussian(neurons: m, dimension: d, sigma0: 0.5, generator: &g)
        let x = (0..<d).map { _ in g.nextStandardNormal() }
        let sigma = (0..<m).map { _ in 0.3 + abs(g.nextStandardNormal()) }
        let u = (0..<m).map { r in Vector.dot(w.row(r), x) }
        func reconstruction(_ z: [Double]) -> Double {
            var e = x
            for r in 0..<m { for k in 0..<d { e[k] -= w[r, k] * z[r] } }
            return e.reduce(0) { $0 + $1 * $1 }
        }
        let exact = reconstruction(u.map { $0 * $0 }) + (0..<m).reduce(0.0) { $0 + sigma[$1] * sigma[$1] * Vector.squaredNorm(w.row($1)) }
        let printedFinal = reconstruction(u) + (0..<m).reduce(0.0) { $0 + sigma[$1] * sigma[$1] * Vector.squaredNorm(w.row($1)) }
        var samples: [Double] = []
        for _ in 0..<20_000 {
            let z = (0..<m).map { u[$0] * u[$0] + sigma[$0] * g.nextStandardNormal() }
            samples.append(reconstruction(z))
        }
        let mean = Moments.mean(samples), se = Moments.standardDeviation(samples) / 20_000.0.squareRoot()
        report("APP-F", "E||x - W^T(phi + sigma o xi)||^2: Monte Carlo \(mean) ± \(se), closed form \(exact), printed final line \(printedFinal)")
        #expect(abs(mean - exact) <= SpecialFunctions.normalQuantile(1 - 5e-8) * se)
        withKnownIssue("the printed final form ||x - W^T (W x)||^2 omits the square") { #expect(abs(printedFinal - exact) <= 1e-9 * exact) }
    }

    /// The VAE gradient against central differences (rtol 1e-5).
    @Test("APP-F — the VAE gradient equals central differences")
    func appendixFGradient() throws {
        let data = try TwoPatchDataset.generate(DataConfiguration(dimension: 6, sampleCount: 3, signalNorm: 1.5), seeds: SeedSequence(seed: 2))
        var g = Xoshiro256StarStar(seed: 3)
        let w = try Initialization.gaussian(neurons: 2, dimension: 6, sigma0: 0.4, generator: &g)
        let v = try Initialization.gaussian(neurons: 2, dimension: 6, sigma0: 0.4, generator: &g)
        let e = VAELoss.evaluate(w: w, v: v, data: data, lambda: 0.1)
        // Central differences, h = 1e-6; rtol 1e-5 (100x tighter than gradcheck) + atol 1e-8.
        let worstW = GradientCheck.worstScaledError(at: w, analytic: e.gradientW, step: 1e-6, relativeTolerance: 1e-5, absoluteTolerance: 1e-8) {
            VAELoss.evaluate(w: $0, v: v, data: data, lambda: 0.1).loss
        }
        let worstV = GradientCheck.worstScaledError(at: v, analytic: e.gradientV, step: 1e-6, relativeTolerance: 1e-5, absoluteTolerance: 1e-8) {
            VAELoss.evaluate(w: w, v: $0, data: data, lambda: 0.1).loss
        }
        let worst = max(worstW, worstV)
        #expect(worst <= 1)
    }

    /// "VAE learns features following the scale of n SNR^2": the ratio of signal to noise learning
    /// (Sec 5.2's measure) after training at n SNR^2 = 0.75 and 6.75. Read as: within a factor 3 of
    /// n SNR^2 at both, and growing with n SNR^2.
    @Test("APP-F — VAE feature learning against n SNR^2 (0.75, 6.75)", .tags(.erratum))
    func appendixFVAEFeatureLearning() throws {
        var ratios: [Double] = []
        for preset in [Presets.section51Low, Presets.section51High] {
            let data = try TwoPatchDataset.generate(preset.data, seeds: SeedSequence(seed: 0))
            var g = SeedSequence(seed: 0).generator(.initialization)
            let w0 = try Initialization.gaussian(neurons: 20, dimension: 1000, sigma0: 0.001, generator: &g)
            let v0 = try Initialization.gaussian(neurons: 20, dimension: 1000, sigma0: 0.001, generator: &g)
            let (w, _, losses) = try VAELoss.train(data: data, w0: w0, v0: v0, lambda: 0.001, eta: 3e-4, steps: 2000)
            #expect(losses.last! < losses.first!)
            ratios.append(FeatureLearningLevels(weights: w, data: data).ratio)
        }
        report("APP-F", "VAE signal/noise learning ratio at n SNR^2 = 0.75: \(ratios[0]), at 6.75: \(ratios[1]) (growth \(ratios[1] / ratios[0])x for 9x)")
        #expect(ratios[1] > 3 * ratios[0])
        withKnownIssue("the VAE ratio is far below n SNR^2 (noise learning dominates at both SNRs)") {
            #expect(ratios[0] >= 0.75 / 3 && ratios[0] <= 0.75 * 3 && ratios[1] >= 6.75 / 3 && ratios[1] <= 6.75 * 3)
        }
    }
}
