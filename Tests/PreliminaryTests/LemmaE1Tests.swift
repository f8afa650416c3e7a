import Foundation
import Testing
@testable import FeatureLearning

/// Lemma E.1: the diffusion model's initialization (m neurons, one weight matrix per time t).
@Suite("Lemma E.1", .tags(.lemma))
struct LemmaE1Tests {
    /// Explicit constants: ||w_r||^2 / sigma0^2 ~ chi^2_d, so by Laurent & Massart with
    /// t = log(16 m / delta) (failure delta / (8m) per neuron, as in the proof) the norm deviation is at
    /// most (2 sqrt(d t) + 2 t) / d relative. The other three bounds are used exactly as printed.
    @Test("LEM-E.1 — ||w0||^2 = sigma0^2 d (1 ± O~(d^-1/2)), |<w0,mu>|, |<w0,xi>|, |<w0_r,w0_r'>| bounds w.p. >= 1 - delta",
          arguments: [(1000, 30, 20, NoiseModel.projected), (1000, 30, 20, .isotropic), (4000, 10, 10, .projected)])
    func lemmaE1DiffusionInitialization(d: Int, n: Int, m: Int, noise: NoiseModel) {
        let delta = 0.05, sigma0 = 0.001, mu = 5.0
        let t = log(16 * Double(m) / delta)
        let normBound = (2 * (Double(d) * t).squareRoot() + 2 * t) / Double(d)
        let signalBound = (2 * log(16 * Double(m) / delta)).squareRoot() * sigma0 * mu
        let noiseBound = 2 * log(16 * Double(m * n) / delta).squareRoot() * sigma0 * Double(d).squareRoot()
        let crossBound = 2 * log(16 * Double(m * m) / delta).squareRoot() * sigma0 * sigma0 * Double(d).squareRoot()
        struct Parts: Sendable { var norm = false, signal = false, noise = false, cross = false }
        let outcomes = RepeatedTrials.map(800, seeds: SeedSequence(seed: 0xE1 &+ UInt64(d * 31 + m))) { _, seeds -> Parts in
            let data = drawData(d: d, n: n, mu: mu, noise: noise, seeds: seeds)
            var g = seeds.generator(.initialization)
            let w = try! Initialization.gaussian(neurons: m, dimension: d, sigma0: sigma0, generator: &g)
            let gram = innerProducts(w, w)
            var parts = Parts()
            for r in 0..<m {
                if abs(gram[r, r] / (sigma0 * sigma0 * Double(d)) - 1) > normBound { parts.norm = true }
                for q in 0..<m where q != r && abs(gram[r, q]) > crossBound { parts.cross = true }
            }
            parts.signal = innerProducts(w, data.signals!).storage.contains { abs($0) > signalBound }
            parts.noise = innerProducts(w, data.noisePatches).storage.contains { abs($0) > noiseBound }
            return parts
        }
        let any = outcomes.filter { $0.norm || $0.signal || $0.noise || $0.cross }.count
        let rate = ClopperPearson.violationRate(violations: any, trials: outcomes.count, delta: delta)
        report("LEM-E.1", "d=\(d) n=\(n) m=\(m) \(noise): \(rate); parts norm \(outcomes.filter(\.norm).count), signal \(outcomes.filter(\.signal).count), noise \(outcomes.filter(\.noise).count), cross \(outcomes.filter(\.cross).count)")
        #expect(!rate.refutesClaim)
    }
}
