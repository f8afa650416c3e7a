import Foundation
import Testing
@testable import FeatureLearning

/// Appendix D.3: signal learning (n SNR^2 >= C').
@Suite("Signal learning (App D.3)", .tags(.theorem))
struct SignalLearningTests {
    static let signalRegimes: [Regime] = [.section51High, .definition21High, .conditionD1Signal]

    /// Theorem D.1's growth: |<w_jr, mu_j>| grows by at least the factor 1 + 0.49 eta C_l ||mu||^2 / m
    /// per step in the first stage. Measured per step as (mean_r |<w_jr, mu_j>|)^{k+1} / (...)^k - 1,
    /// divided by eta C_l ||mu||^2 / m with C_l = min |l'| over the stage (steps before the signal
    /// first exceeds 1); the claim is that this is >= 0.49.
    @Test("THM-D.1 — first-stage growth rate >= 1 + 0.49 eta C_l ||mu||^2 / m (measured constant)", arguments: signalRegimes)
    func theoremD1GrowthRate(regime: Regime) throws {
        var smallest = Double.infinity
        for t in try regime.trajectories() {
            let s = t.summaries
            // The first stage: until the signal first exceeds 1, or until T1 when the initialization is
            // already O(1) (the Condition D.1 regime with C = 1).
            let firstAboveOne = s.firstIndex(where: { $0.signalMaxAll > 1 }) ?? 0
            let end = firstAboveOne > 2 ? firstAboveOne : (signalT1(t) ?? s.count - 1)
            guard end > 2 else { continue }
            let cl = s[0..<end].map(\.minAbsLossDerivative).min()!
            let mu2 = t.basis.gram[0, 0], m = Double(t.configuration.width), eta = t.configuration.eta
            for k in 0..<(end - 1) {
                for j in 0..<2 {
                    let rate = s[k + 1].signalMean[j] / s[k].signalMean[j] - 1
                    smallest = min(smallest, rate / (eta * cl * mu2 / m))
                }
            }
        }
        report("THM-D.1", "\(regime): min over first-stage steps of (rate - 1) / (eta C_l ||mu||^2 / m) = \(smallest) (claim >= 0.49)")
        #expect(smallest >= 0.49)
    }

    /// T1 exists: max_r and mean_r |<w_jr, mu_j>| reach 2 for both j; the noise at T1 stays below the
    /// proof's own explicit bound 8 SNR^-1 sqrt(log(8 m n / delta)) (delta = 0.05). In the Condition D.1
    /// regime with C = 1 the initialization is already O(1) (sigma0 ||mu|| = 0.93), the loss falls below
    /// 0.1 within ~20 steps, and mean_r |<w_jr, mu_j>| then grows only logarithmically: T1 is not reached
    /// in 1500 steps (recorded as a known issue for that regime).
    @Test("THM-D.1 — T1 exists with max_r, mean_r |<w_jr, mu_j>| >= 2, noise below the proof's explicit bound", arguments: signalRegimes)
    func theoremD1EndOfFirstStage(regime: Regime) throws {
        var t1s: [Int] = [], noise: [Double] = [], bounds: [Double] = [], missing = 0
        for t in try regime.trajectories() {
            guard let t1 = signalT1(t) else { missing += 1; continue }
            t1s.append(t1)
            noise.append(t.summaries[t1].noiseMaxOwn)
            let n = Double(t.data.sampleCount), m = Double(t.configuration.width)
            bounds.append(8 / t.configuration.data.snr * log(8 * m * n / 0.05).squareRoot())
        }
        report("THM-D.1", "\(regime): T1 = \(t1s) (\(missing) runs without T1); max_{r,i} |<w_{y_i r}, xi_i>| at T1 = \(noise.map { String(format: "%.3f", $0) }); proof bound 8 SNR^-1 sqrt(log) = \(bounds.first ?? .nan)")
        if regime == .conditionD1Signal {
            withKnownIssue("with C = 1 the initialization is O(1) and mean_r |<w, mu>| never reaches 2") { #expect(missing == 0) }
        } else {
            #expect(missing == 0)
        }
        #expect(zip(noise, bounds).allSatisfy { $0 <= $1 })
    }

    /// T1 = Theta(eta^-1 m ||mu||^-2 log(4 m / (sigma0 ||mu||))): fitted exponents of T1 / log(...) against
    /// eta, m, ||mu|| over 8x sweeps. Tolerance 0.2 on each exponent, stated before measuring: a Theta
    /// claim allows the ratio to the prediction to vary by a bounded factor, and 8^0.2 = 1.5x over the
    /// sweep is the largest variation we accept as "constant".
    @Test("THM-D.1 — T1 scales as eta^-1 m ||mu||^-2 (fitted exponents over sweeps)")
    func theoremD1T1Scaling() {
        func normalized(_ points: [SweepPoint], m: (SweepPoint) -> Double, mu: (SweepPoint) -> Double) -> [SweepPoint] {
            points.map { p in var q = p; q.t1 = p.t1; q.otherAtT1 = Double(p.t1 ?? 0) / log(4 * m(p) / (0.001 * mu(p))); return q }
        }
        let eta = Sweeps.exponent(normalized(Sweeps.signalEta, m: { _ in 20 }, mu: { _ in 15 }), { $0.otherAtT1 })
        let width = Sweeps.exponent(normalized(Sweeps.signalWidth, m: { $0.value }, mu: { _ in 15 }), { $0.otherAtT1 })
        let norm = Sweeps.exponent(normalized(Sweeps.signalNorm, m: { _ in 20 }, mu: { $0.value }), { $0.otherAtT1 })
        report("THM-D.1", "T1/log: vs eta \(Sweeps.describe(eta)) (claim -1); vs m \(Sweeps.describe(width)) (claim 1); vs ||mu|| \(Sweeps.describe(norm)) (claim -2); T1 values eta \(Sweeps.signalEta.map { $0.t1 ?? -1 }), m \(Sweeps.signalWidth.map { $0.t1 ?? -1 }), mu \(Sweeps.signalNorm.map { $0.t1 ?? -1 })")
        #expect(abs((eta?.slope ?? .nan) + 1) <= 0.2)
        #expect(abs((width?.slope ?? .nan) - 1) <= 0.2)
        #expect(abs((norm?.slope ?? .nan) + 2) <= 0.2)
    }

    /// The noise at T1 is claimed O~(n^-1/2). Over n = 10..80 at fixed n SNR^2 = 6.75 (d = 8000) we fit
    /// the exponent of max_{r,i} |<w_{y_i r}, xi_i>| at T1 in n. The proof's own last line,
    /// 8 SNR^-1 sqrt(log) = O~(n^{+1/2}) at fixed n SNR^2, does not give n^-1/2 either.
    @Test("THM-D.1 — noise at T1 against n at fixed n SNR^2: the claimed O~(n^-1/2) decay is not observed", .tags(.sweep, .erratum))
    func theoremD1NoiseScalingInN() {
        let fit = Sweeps.exponent(Sweeps.signalSamples, { $0.otherAtT1 })
        report("THM-D.1", "noise at T1 by n \(Sweeps.signalSamples.map { String(format: "n=%.0f: %.4f", $0.value, $0.otherAtT1) }); \(Sweeps.describe(fit))")
        #expect(fit != nil)
        withKnownIssue("the noise at T1 does not shrink like n^-1/2 at fixed n SNR^2") {
            #expect(fit.map { $0.slopeIsConsistent(with: -0.5) } ?? false)
        }
        // What holds: it stays bounded (exponent within 0.2 of 0 over an 8x range of n) and below 2.
        #expect(abs(fit?.slope ?? 1) <= 0.2)
        #expect(Sweeps.signalSamples.allSatisfy { $0.otherAtT1 < 2 })
    }

    @Test("LEM-D.10 — |<w_jr, mu_j>| is non-decreasing after T1 (every step, every neuron)", arguments: signalRegimes)
    func lemmaD10SignalMonotone(regime: Regime) throws {
        var decreases = 0, checks = 0
        for t in try regime.trajectories() {
            guard let t1 = signalT1(t) else { continue }
            let m = t.configuration.width
            for k in t1..<(t.records.count - 1) {
                for row in 0..<(2 * m) {
                    let column = row < m ? 0 : 1
                    checks += 1
                    // Rounding allowance: one ulp-level relative change.
                    if abs(t.records[k + 1].products[row, column]) < abs(t.records[k].products[row, column]) * (1 - 1e-14) { decreases += 1 }
                }
            }
        }
        report("LEM-D.10", "\(regime): \(decreases) decreases in \(checks) checks after T1")
        #expect(decreases == 0)
    }

    /// ||W^T1 - W*|| = O(sqrt(m) log(1/eps) ||mu||^-1), eps = 0.1: the measured constant in each regime
    /// and the exponents in m and ||mu|| over the sweeps (claim 1/2 and -1; tolerance 0.2 as for T1).
    @Test("LEM-D.11 — ||W^T1 - W*|| = O(sqrt(m) log(1/eps) / ||mu||): measured constant and exponents")
    func lemmaD11DistanceToReference() throws {
        var constants: [Double] = []
        for regime in Self.signalRegimes {
            for t in try regime.trajectories() {
                guard let t1 = signalT1(t) else { continue }
                let scale = Double(t.configuration.width).squareRoot() * log(10) / t.basis.gram[0, 0].squareRoot()
                constants.append(t.referenceDistances[0][t1].squareRoot() / scale)
            }
        }
        let width = Sweeps.exponent(Sweeps.signalWidth, { $0.distanceAtT1 })
        let norm = Sweeps.exponent(Sweeps.signalNorm, { $0.distanceAtT1 })
        report("LEM-D.11", "constant ||W^T1 - W*|| / (sqrt(m) log(10) / ||mu||) in [\(constants.min()!), \(constants.max()!)]; vs m \(Sweeps.describe(width)) (claim 0.5); vs ||mu|| \(Sweeps.describe(norm)) (claim -1)")
        #expect(constants.max()! < 20)
        #expect(abs((width?.slope ?? .nan) - 0.5) <= 0.2)
        #expect(abs((norm?.slope ?? .nan) + 1) <= 0.2)
    }

    /// ||W^k - W*||^2 - ||W^{k+1} - W*||^2 >= 2 eta L_S(W^k) - eta eps (eps = 0.1) for T1 <= k < T*.
    @Test("LEM-D.12 — the distance to W* drops by at least 2 eta L_S - eta eps per step after T1", arguments: signalRegimes)
    func lemmaD12DistanceDecrease(regime: Regime) throws {
        var violations = 0, checks = 0, worst = Double.infinity
        for t in try regime.trajectories() {
            guard let t1 = signalT1(t) else { continue }
            let result = distanceDecrease(t, reference: 0, from: t1)
            violations += result.violations; checks += result.checks; worst = min(worst, result.worst)
        }
        report("LEM-D.12", "\(regime): \(violations) violations in \(checks) steps; min margin / eta = \(worst)")
        #expect(violations == 0)
    }

    /// Theorem D.2: some T1 <= k <= T = T1 + ||W^T1 - W*||^2 / (eta eps) has L_S <= 0.1; the signal stays
    /// >= 2 from T1 on; max_{j,r,i} |<w_jr, xi_i>| is "o(1)" — operationally: below 1 (the memorization
    /// threshold of Theorem 3.2) at every step in [T1, T], and shrinking along the n sweep.
    @Test("THM-D.2 — L_S <= 0.1 in [T1, T], the signal stays >= 2 after T1, the noise stays below 1", arguments: signalRegimes)
    func theoremD2Convergence(regime: Regime) throws {
        var lines: [String] = [], noisy = 0, missing = 0
        for t in try regime.trajectories() {
            guard let t1 = signalT1(t) else { missing += 1; continue }
            let bigT = min(t.summaries.count - 1, t1 + Int(t.referenceDistances[0][t1] / (t.configuration.eta * 0.1)))
            let window = t.summaries[t1...bigT]
            let reached = window.contains { $0.loss <= 0.1 }
            let signalAfter = window.map { $0.signalMax.min()! }.min()!
            let noise = window.map(\.noiseMaxAll).max()!
            lines.append("T1=\(t1) T=\(bigT) first L<=0.1 at \(t.firstStep(lossBelow: 0.1) ?? -1) max noise in [T1,T]=\(String(format: "%.3f", noise))")
            #expect(reached)
            #expect(signalAfter >= 2)
            if noise >= 1 { noisy += 1 }
        }
        report("THM-D.2", "\(regime): " + lines.joined(separator: "; "))
        if regime == .conditionD1Signal {
            withKnownIssue("T1 is not reached in the C = 1 regime") { #expect(missing == 0) }
        }
        // Measured with the fixed seeds: 8/8 runs (Sec 5.1), 1/8 (Def 2.1) and the one D.1 run with a T1
        // reach noise >= 1 inside [T1, T]: the second stage keeps growing the noise logarithmically.
        withKnownIssue("the noise does not stay below 1 through the second stage in every run") { #expect(noisy == 0) }
    }

    /// "o(1)" for the noise in the signal regime, along the n sweep at fixed n SNR^2 = 6.75: the
    /// exponent of the noise at the first L_S <= 0.1 step.
    @Test("THM-D.2 — noise at convergence along n at fixed n SNR^2 (operational o(1))", .tags(.sweep))
    func theoremD2NoiseVanishes() {
        let fit = Sweeps.exponent(Sweeps.signalSamples, { $0.otherAtConvergence })
        report("THM-D.2", "noise at first L<=0.1 by n: \(Sweeps.signalSamples.map { String(format: "n=%.0f: %.4f", $0.value, $0.otherAtConvergence ?? .nan) }); \(Sweeps.describe(fit))")
        #expect(fit != nil)
        withKnownIssue("the noise at convergence does not shrink with n at fixed n SNR^2") {
            #expect((fit?.slope ?? 1) + 3 * (fit?.slopeStandardError ?? 0) < 0)
        }
    }
}
