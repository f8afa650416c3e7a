import Foundation
import Testing
@testable import FeatureLearning

/// Lemma D.1 (Cao et al. 2022): bounds on the inner products at initialization.
@Suite("Lemma D.1", .tags(.lemma))
struct LemmaD1Tests {
    struct Violations: Sendable { var signalUpper = false, noiseUpper = false, signalMax = false, noiseMax = false }

    /// The four statements of Lemma D.1 for one draw of data and W^0 (2m neurons).
    static func check(d: Int, n: Int, m: Int, mu: Double, sigma0: Double, delta: Double, seeds: SeedSequence) -> Violations {
        let data = drawData(d: d, n: n, mu: mu, seeds: seeds)
        var g = seeds.generator(.initialization)
        let w = try! Initialization.gaussian(neurons: 2 * m, dimension: d, sigma0: sigma0, generator: &g)
        let signal = innerProducts(w, data.signals!)    // 2m x 2
        let noise = innerProducts(w, data.noisePatches) // 2m x n
        let signalBound = (2 * log(8 * Double(m) / delta)).squareRoot() * sigma0 * mu
        let noiseBound = 2 * log(8 * Double(m * n) / delta).squareRoot() * sigma0 * Double(d).squareRoot()
        var v = Violations()
        v.signalUpper = signal.storage.contains { abs($0) > signalBound }
        v.noiseUpper = noise.storage.contains { abs($0) > noiseBound }
        for j in 0..<2 {
            let rows = (j * m)..<((j + 1) * m)
            for y in 0..<2 where rows.map({ abs(signal[$0, y]) }).max()! < sigma0 * mu / 2 { v.signalMax = true }
            for i in 0..<n where rows.map({ abs(noise[$0, i]) }).max()! < sigma0 * Double(d).squareRoot() / 4 { v.noiseMax = true }
        }
        return v
    }

    @Test("LEM-D.1 — init upper bounds and max_r lower bounds hold w.p. >= 1 - delta (paper sizes and larger d)",
          arguments: [(1000, 30, 20, 5.0), (1000, 30, 20, 15.0), (3000, 10, 40, 10.0)])
    func lemmaD1InitializationBounds(d: Int, n: Int, m: Int, mu: Double) {
        let delta = 0.05
        let outcomes = RepeatedTrials.map(600, seeds: SeedSequence(seed: 0xD1 &+ UInt64(d + m) &+ UInt64(mu))) { _, seeds in
            Self.check(d: d, n: n, m: m, mu: mu, sigma0: 0.001, delta: delta, seeds: seeds)
        }
        let anyViolation = outcomes.filter { $0.signalUpper || $0.noiseUpper || $0.signalMax || $0.noiseMax }.count
        let rate = ClopperPearson.violationRate(violations: anyViolation, trials: outcomes.count, delta: delta)
        report("LEM-D.1", "d=\(d) n=\(n) m=\(m) mu=\(mu): any part violated \(rate); parts: signal upper \(outcomes.filter(\.signalUpper).count), noise upper \(outcomes.filter(\.noiseUpper).count), signal max \(outcomes.filter(\.signalMax).count), noise max \(outcomes.filter(\.noiseMax).count)")
        #expect(!rate.refutesClaim)
    }

    /// The max_r lower bounds need m = Omega(log(1/delta)): with m = 1 a single neuron must exceed
    /// sigma0 ||mu|| / 2 for 4 (j, j') pairs, which fails with probability about 1 - 0.62^4 = 0.85.
    /// Boundary: the smallest m whose observed violation rate is at most delta = 0.05 (d = 200 keeps
    /// it cheap; the bounds do not involve d beyond ||xi||).
    @Test("LEM-D.1 — the max_r lower bounds fail for m = 1 and hold from a small m on (the Omega(log 1/delta) boundary)")
    func lemmaD1WidthBoundary() {
        let delta = 0.05
        var rates: [(Int, ViolationRate)] = []
        for m in [1, 2, 3, 4, 5, 6, 8] {
            let rate = RepeatedTrials.violationRate(2000, seeds: SeedSequence(seed: 0xD1B + UInt64(m)), delta: delta) { _, seeds in
                let v = Self.check(d: 200, n: 30, m: m, mu: 5, sigma0: 0.001, delta: delta, seeds: seeds)
                return v.signalMax || v.noiseMax
            }
            rates.append((m, rate))
        }
        let boundary = rates.first { $0.1.observedRate <= delta }?.0
        report("LEM-D.1", "max_r lower-bound violation rate by m: " + rates.map { "m=\($0.0): \($0.1.observedRate)" }.joined(separator: ", ") + "; smallest m with rate <= \(delta): \(boundary.map(String.init) ?? "none")")
        #expect(rates[0].1.refutesClaim)
        #expect(boundary != nil && boundary! <= 8)
        if let b = boundary, let atBoundary = rates.first(where: { $0.0 == b })?.1 { #expect(!atBoundary.refutesClaim) }
    }
}
