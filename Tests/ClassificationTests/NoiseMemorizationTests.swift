import Foundation
import Testing
@testable import FeatureLearning

/// Appendix D.4: noise memorization (n^-1 SNR^-2 >= C').
@Suite("Noise memorization (App D.4)", .tags(.theorem))
struct NoiseMemorizationTests {
    static let noiseRegimes: [Regime] = [.section51Low, .definition21Low, .conditionD1Noise]

    struct SignCount { var flips = 0, pairs = 0, protectedFlips = 0, protectedPairs = 0, rhoFlips = 0 }

    /// Sign changes of <w_{y_i r}, xi_i> and rho_{y_i r i} relative to <w^0_{y_i r}, xi_i>. "Protected"
    /// pairs are those the proof's mechanism covers with the measured cross term: |<w^0, xi_i>| larger
    /// than twice the largest Lemma D.5 residual |<w^k - w^0, xi_i> - rho^k_i| of that pair.
    static func signChanges(_ t: ClassificationTrajectory) -> SignCount {
        var count = SignCount()
        let m = t.configuration.width
        for i in 0..<t.data.sampleCount {
            let column = t.basis.noiseIndex[i]
            for r in 0..<m {
                let row = QuadraticClassifier.row(j: t.data.labels[i], r: r, width: m)
                let initial = t.records[0].products[row, column]
                var flipped = false, rhoFlipped = false, residual = 0.0
                for record in t.records {
                    if record.products[row, column] * initial < 0 { flipped = true }
                    if record.rho[row, i] * initial < 0 { rhoFlipped = true }
                    residual = max(residual, abs(record.products[row, column] - initial - record.rho[row, i]))
                }
                count.pairs += 1
                if flipped { count.flips += 1 }
                if rhoFlipped { count.rhoFlips += 1 }
                if abs(initial) > 2 * residual {
                    count.protectedPairs += 1
                    if flipped || rhoFlipped { count.protectedFlips += 1 }
                }
            }
        }
        return count
    }

    /// Lemma D.15 needs the anti-concentration of Lemma D.14 (sigma0 far above any setting here).
    /// Measured: the fraction of (r, i) pairs whose sign ever changes. What holds instead, the proof's
    /// own mechanism with measured constants: pairs whose initial |<w^0, xi_i>| exceeds twice their
    /// largest cross-term residual never change sign.
    @Test("LEM-D.15 — sign invariance of <w_{y_i r}, xi_i> and rho: measured flip rate; pairs protected by the measured cross term never flip",
          arguments: noiseRegimes)
    func lemmaD15NoiseSignInvariance(regime: Regime) throws {
        var total = SignCount()
        for t in try regime.trajectories() {
            let c = Self.signChanges(t)
            total.flips += c.flips; total.pairs += c.pairs; total.rhoFlips += c.rhoFlips
            total.protectedFlips += c.protectedFlips; total.protectedPairs += c.protectedPairs
        }
        report("LEM-D.15", "\(regime): inner product flips in \(total.flips)/\(total.pairs) pairs, rho flips \(total.rhoFlips); protected pairs \(total.protectedPairs), flips among them \(total.protectedFlips)")
        if regime == .conditionD1Noise {
            // sigma0 = 0.004 = 0.8 / sqrt(d): the initial products dominate the cross terms.
            #expect(total.flips == 0 && total.rhoFlips == 0)
        } else {
            withKnownIssue("at sigma0 = 0.001 (far below D.14's requirement) small initial products change sign") { #expect(total.flips == 0) }
        }
        #expect(total.protectedPairs > 0)
        #expect(total.protectedFlips == 0)
    }

    /// Theorem D.3 at T1 (first step with max_r |<w_{y_i r}, xi_i>| >= 2 for every i): item (2) asks
    /// mean_r >= 4 at T1, item (3) max signal O~(n^-1/2).
    @Test("THM-D.3 — T1 with max_r |<w_{y_i r}, xi_i>| >= 2 exists; mean_r >= 4 and small signal at T1", arguments: noiseRegimes)
    func theoremD3EndOfFirstStage(regime: Regime) throws {
        var lines: [String] = [], meanReached = 0, missing = 0, largestMean = 0.0
        for t in try regime.trajectories() {
            largestMean = max(largestMean, t.summaries.map(\.noiseMeanOwnMin).max()!)
            guard let t1 = noiseT1(t) else { missing += 1; continue }
            let s = t.summaries[t1]
            if s.noiseMeanOwnMin >= 4 { meanReached += 1 }
            lines.append(String(format: "T1=%d mean=%.2f signal=%.3f", t1, s.noiseMeanOwnMin, s.signalMaxAll))
            #expect(s.signalMaxAll < 1)
        }
        report("THM-D.3", "\(regime): " + lines.joined(separator: "; ") + "; largest min_i mean_r over the whole run \(largestMean)")
        #expect(missing == 0)
        withKnownIssue("mean_r |<w_{y_i r}, xi_i>| >= 4 is not reached: past memorization the loss derivatives vanish and growth is logarithmic") {
            #expect(meanReached > 0)
        }
    }

    /// T1 = Theta~(eta^-1 n m sigma^-2 d^-1): exponents of T1 / log(8 / (sigma0 sigma sqrt d)) against
    /// eta, m and d over 8x sweeps (n SNR^2 = 0.1, Definition 2.1 data). Tolerance 0.2 as for Theorem D.1.
    @Test("THM-D.3 — T1 scales as eta^-1 m d^-1 (fitted exponents over sweeps)", .tags(.sweep))
    func theoremD3T1Scaling() {
        func normalized(_ points: [SweepPoint], d: (SweepPoint) -> Double) -> [SweepPoint] {
            points.map { p in var q = p; q.otherAtT1 = Double(p.t1 ?? 0) / log(8 / (0.001 * d(p).squareRoot())); return q }
        }
        let eta = Sweeps.exponent(normalized(Sweeps.noiseEta, d: { _ in 1000 }), { $0.otherAtT1 })
        let width = Sweeps.exponent(normalized(Sweeps.noiseWidth, d: { _ in 1000 }), { $0.otherAtT1 })
        let dimension = Sweeps.exponent(normalized(Sweeps.noiseDimension, d: { $0.value }), { $0.otherAtT1 })
        report("THM-D.3", "T1/log: vs eta \(Sweeps.describe(eta)) (claim -1); vs m \(Sweeps.describe(width)) (claim 1); vs d \(Sweeps.describe(dimension)) (claim -1); T1 eta \(Sweeps.noiseEta.map { $0.t1 ?? -1 }), m \(Sweeps.noiseWidth.map { $0.t1 ?? -1 }), d \(Sweeps.noiseDimension.map { $0.t1 ?? -1 })")
        #expect(abs((eta?.slope ?? .nan) + 1) <= 0.2)
        #expect(abs((dimension?.slope ?? .nan) + 1) <= 0.2)
        // Measured 0.80 ± 0.01: the largest initial product grows like sqrt(2 log m), so wider networks
        // start closer to the threshold. A log m factor is allowed by Theta~ but not by our a-priori band.
        withKnownIssue("the width exponent is 0.80, outside the ±0.2 band around 1") {
            #expect(abs((width?.slope ?? .nan) - 1) <= 0.2)
        }
    }

    /// Lemma D.17: for k >= T1, max_r |<w_{y_i r}, xi_i>| >= 1 and mean_r >= 2. The mean is about 0.9 at
    /// T1 already (see THM-D.3), so the second half fails; what holds: max_r >= 1 and the mean never
    /// falls below its value at T1 by more than 1% (it keeps growing slowly).
    @Test("LEM-D.17 — after T1: max_r >= 1 holds; mean_r >= 2 does not", arguments: noiseRegimes)
    func lemmaD17NoiseMaintained(regime: Regime) throws {
        var maxMin = Double.infinity, meanMin = Double.infinity, meanDrops = 0
        for t in try regime.trajectories() {
            guard let t1 = noiseT1(t) else { continue }
            let after = t.summaries[t1...]
            maxMin = min(maxMin, after.map(\.noiseMaxOwnMin).min()!)
            meanMin = min(meanMin, after.map(\.noiseMeanOwnMin).min()!)
            if after.map(\.noiseMeanOwnMin).min()! < 0.99 * t.summaries[t1].noiseMeanOwnMin { meanDrops += 1 }
        }
        report("LEM-D.17", "\(regime): min over k >= T1 of min_i max_r = \(maxMin), of min_i mean_r = \(meanMin); runs whose mean drops >1% below its T1 value: \(meanDrops)")
        #expect(maxMin >= 1)
        #expect(meanDrops == 0)
        withKnownIssue("mean_r |<w_{y_i r}, xi_i>| is about 0.9 at T1, not >= 2") { #expect(meanMin >= 2) }
    }

    /// ||W^T1 - W*|| = O(sqrt(n m) log(1/eps) sigma^-1 d^-1/2) with the D.4.2 reference point (eps = 0.1):
    /// measured constant, and exponents in m (claim 1/2) and d (claim -1/2) over the sweeps.
    @Test("LEM-D.18 — ||W^T1 - W*|| = O(sqrt(nm) log(1/eps) / (sigma sqrt d)): constant and exponents")
    func lemmaD18DistanceToReference() throws {
        var constants: [Double] = []
        for regime in Self.noiseRegimes {
            for t in try regime.trajectories() {
                guard let t1 = noiseT1(t) else { continue }
                let scale = (Double(t.data.sampleCount * t.configuration.width)).squareRoot() * log(10) / Double(t.data.dimension).squareRoot()
                constants.append(t.referenceDistances[1][t1].squareRoot() / scale)
            }
        }
        let width = Sweeps.exponent(Sweeps.noiseWidth, { $0.distanceAtT1 })
        let dimension = Sweeps.exponent(Sweeps.noiseDimension, { $0.distanceAtT1 })
        report("LEM-D.18", "constant in [\(constants.min()!), \(constants.max()!)]; vs m \(Sweeps.describe(width)) (claim 0.5); vs d \(Sweeps.describe(dimension)) (claim -0.5)")
        #expect(constants.max()! < 20)
        #expect(abs((width?.slope ?? .nan) - 0.5) <= 0.2)
        #expect(abs((dimension?.slope ?? .nan) + 0.5) <= 0.2)
    }

    @Test("LEM-D.19 — the distance to the noise reference W* drops by at least 2 eta L_S - eta eps per step after T1", arguments: noiseRegimes)
    func lemmaD19DistanceDecrease(regime: Regime) throws {
        var violations = 0, checks = 0, worst = Double.infinity
        for t in try regime.trajectories() {
            guard let t1 = noiseT1(t) else { continue }
            let result = distanceDecrease(t, reference: 1, from: t1)
            violations += result.violations; checks += result.checks; worst = min(worst, result.worst)
        }
        report("LEM-D.19", "\(regime): \(violations) violations in \(checks) steps; min margin / eta = \(worst)")
        #expect(checks > 0)
        #expect(violations == 0)
    }

    /// Theorem D.4: L_S <= 0.1 in [T1, T], max_r |<w_{y_i r}, xi_i>| >= 1 after T1, signal "o(1)":
    /// below 1 on [T1, T] in each run, and shrinking along the n sweep (n SNR^2 = 0.1, d = 8000).
    @Test("THM-D.4 — loss converges, noise >= 1 after T1, signal stays small", arguments: noiseRegimes)
    func theoremD4Convergence(regime: Regime) throws {
        var lines: [String] = []
        for t in try regime.trajectories() {
            guard let t1 = noiseT1(t) else { Issue.record("no T1"); continue }
            let bigT = min(t.summaries.count - 1, t1 + Int(t.referenceDistances[1][t1] / (t.configuration.eta * 0.1)))
            let window = t.summaries[t1...bigT]
            let signal = window.map(\.signalMaxAll).max()!
            lines.append(String(format: "T1=%d T=%d signal<=%.3f", t1, bigT, signal))
            #expect(window.contains { $0.loss <= 0.1 })
            #expect(window.allSatisfy { $0.noiseMaxOwnMin >= 1 })
            #expect(signal < 1)
        }
        report("THM-D.4", "\(regime): " + lines.joined(separator: "; "))
    }

    @Test("THM-D.4 — signal at convergence along n at fixed n SNR^2 = 0.1 (operational o(1))", .tags(.sweep))
    func theoremD4SignalVanishes() {
        let fit = Sweeps.exponent(Sweeps.noiseSamples, { $0.otherAtConvergence })
        let atT1 = Sweeps.exponent(Sweeps.noiseSamples, { $0.otherAtT1 })
        report("THM-D.4", "signal at first L<=0.1 by n: \(Sweeps.noiseSamples.map { String(format: "n=%.0f: %.4f", $0.value, $0.otherAtConvergence ?? .nan) }); \(Sweeps.describe(fit)); at T1 \(Sweeps.describe(atT1)) (THM-D.3 claims -1/2)")
        #expect(fit != nil)
        #expect((fit?.slope ?? 1) + 3 * (fit?.slopeStandardError ?? 0) < 0)
    }

    /// Lemma 4.2, the main-text summary of both first stages: (1) mean_r |<w_jr, mu_j>| >= 2 for both j
    /// at T1 = Theta~(eta^-1 m ||mu||^-2) with noise o(1); (2) mean_r |<w_{y_i r}, xi_i>| >= 4 at
    /// T1 = Theta~(eta^-1 n m sigma^-2 d^-1) with signal o(1). Part (1) holds at the Sec 5.1 sizes except
    /// the o(1) noise (see THM-D.1); part (2) fails at its "4" (see THM-D.3).
    @Test("LEM-4.2 — both first-stage outcomes in their main-text form", .tags(.erratum))
    func lemma42FirstStageOutcomes() throws {
        let signalRuns = try Regime.definition21High.trajectories(), noiseRuns = try Regime.definition21Low.trajectories()
        let signalMeans = signalRuns.compactMap { t in signalT1(t).map { t.summaries[$0].signalMean.min()! } }
        let noiseMeans = noiseRuns.compactMap { t in noiseT1(t).map { t.summaries[$0].noiseMeanOwnMin } }
        let signalAtNoiseT1 = noiseRuns.compactMap { t in noiseT1(t).map { t.summaries[$0].signalMaxAll } }
        report("LEM-4.2", "(1) mean signal at T1 \(signalMeans.map { String(format: "%.2f", $0) }); (2) mean noise at T1 \(noiseMeans.map { String(format: "%.2f", $0) }), signal at T1 \(signalAtNoiseT1.map { String(format: "%.3f", $0) })")
        #expect(signalMeans.count == signalRuns.count && signalMeans.allSatisfy { $0 >= 2 })
        #expect(signalAtNoiseT1.allSatisfy { $0 < 0.2 })
        withKnownIssue("part (2)'s mean_r >= 4 is not reached") { #expect(noiseMeans.allSatisfy { $0 >= 4 }) }
    }
}
