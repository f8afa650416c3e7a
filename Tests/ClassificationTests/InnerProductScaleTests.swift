import Foundation
import Testing
@testable import FeatureLearning

/// Appendix D.2: global bounds along the trajectory (Proposition D.1, Lemmas D.4-D.8).
@Suite("Scale of inner products (App D.2)", .tags(.lemma))
struct InnerProductScaleTests {
    static let delta = 0.05

    /// 12 sqrt(log(4 n^2 / delta) / d) n alpha, the cross-term allowance of (6).
    static func crossAllowance(_ t: ClassificationTrajectory, multiplier: Double) -> Double {
        let n = Double(t.data.sampleCount), d = Double(t.data.dimension)
        return multiplier * (log(4 * n * n / delta) / d).squareRoot() * n * alphaBound(t)
    }

    /// Proposition D.1 for one trajectory: the largest ratio of each quantity to its bound.
    static func propositionD1Ratios(_ t: ClassificationTrajectory) -> (four: Double, five: Double, six: Double) {
        let m = t.configuration.width
        let alpha = alphaBound(t)
        let beta = 3 * t.records[0].products.storage.map(abs).max()!
        let allowance6 = beta + crossAllowance(t, multiplier: 12)
        var four = 0.0, five = 0.0, six = 0.0
        for record in t.records {
            for row in 0..<(2 * m) {
                let j = QuadraticClassifier.group(ofRow: row, width: m)
                four = max(four, abs(record.products[row, j == 1 ? 0 : 1]) / alpha)
                five = max(five, abs(record.products[row, j == 1 ? 1 : 0]) / beta)
                for i in 0..<t.data.sampleCount {
                    let value = abs(record.products[row, t.basis.noiseIndex[i]])
                    let rho = abs(record.rho[row, i])
                    if t.data.labels[i] == j { four = max(four, value / alpha, rho / alpha) } else { six = max(six, value / allowance6, rho / allowance6) }
                }
            }
        }
        return (four, five, six)
    }

    @Test("PROP-D.1 — bounds (4)-(6) hold along every trajectory (alpha = 2 log T*, beta = 3 max init product)",
          arguments: Regime.allCases)
    func propositionD1GlobalBounds(regime: Regime) throws {
        let ratios = try regime.trajectories().map(Self.propositionD1Ratios)
        let four = ratios.map(\.four).max()!, five = ratios.map(\.five).max()!, six = ratios.map(\.six).max()!
        report("PROP-D.1", "\(regime): max ratio to bound (4) \(four), (5) \(five), (6) \(six)")
        #expect(four <= 1)
        #expect(five <= 1)
        #expect(six <= 1)
    }

    @Test("LEM-D.4 — F_j(W_j, x_i) <= 0.5 for j != y_i along the trajectory", arguments: Regime.allCases)
    func lemmaD4WrongGroupOutputSmall(regime: Regime) throws {
        var worst = 0.0
        for t in try regime.trajectories() {
            let m = t.configuration.width
            for record in t.records {
                let (plus, minus) = QuadraticClassifier.groupOutputs(products: record.products, basis: t.basis, width: m)
                for i in 0..<t.data.sampleCount { worst = max(worst, t.data.labels[i] == 1 ? minus[i] : plus[i]) }
            }
        }
        report("LEM-D.4", "\(regime): max_k max_i F_{-y_i}(W, x_i) = \(worst)")
        if regime == .conditionD1Signal || regime == .conditionD1Noise {
            // The proof needs beta = 3 max init product <= 1/C <= 0.25, i.e. sigma0 ||mu|| and
            // sigma0 sigma sqrt(d) below ~1/12; with C = 1 in Condition D.1 (the only C for which D.1(3)'s
            // two sides are compatible at d = 40000) F is already ~1.3 at initialization.
            withKnownIssue("Condition D.1 with C = 1 does not imply beta <= 0.25") { #expect(worst <= 0.5) }
        } else {
            #expect(worst <= 0.5)
        }
    }

    /// |<w^k - w^0, xi_i> - rho^k_i| <= 4 sqrt(log(4n^2/delta)/d) n alpha, with rho from Lemma D.2's
    /// recursion (true factor 2; with the printed factor rho is off by 2x and the residual is the
    /// other half of the increment).
    @Test("LEM-D.5 — |<w^k - w^0, xi_i> - rho^k_i| <= 4 sqrt(log(4n^2/delta)/d) n alpha", arguments: Regime.allCases)
    func lemmaD5NoiseCoefficientTracksInnerProduct(regime: Regime) throws {
        var worstRatio = 0.0, worstAbsolute = 0.0
        for t in try regime.trajectories() {
            let bound = Self.crossAllowance(t, multiplier: 4)
            for record in t.records {
                for row in 0..<record.products.rows {
                    for i in 0..<t.data.sampleCount {
                        let column = t.basis.noiseIndex[i]
                        let residual = abs(record.products[row, column] - t.records[0].products[row, column] - record.rho[row, i])
                        worstAbsolute = max(worstAbsolute, residual)
                        worstRatio = max(worstRatio, residual / bound)
                    }
                }
            }
        }
        report("LEM-D.5", "\(regime): max residual \(worstAbsolute), max ratio to the bound \(worstRatio)")
        #expect(worstRatio <= 1)
    }

    /// Sign invariance of <w_jr, mu_y>. Under Definition 2.1 the update is the factor
    /// 1 - (2 eta / (n m)) j y ||mu||^2 sum_{S_y} l'_i, which stays positive for every l' in (-1, 0)
    /// exactly when eta < eta* = n m / (2 ||mu||^2 max_y |S_y|) — a deterministic guarantee, checked
    /// at every step of every trajectory.
    @Test("LEM-D.6 — sign(<w^k_jr, mu_y>) never changes, at the paper's eta and in the D.1 regime", arguments: Regime.allCases)
    func lemmaD6SignInvariance(regime: Regime) throws {
        var flips = 0, checked = 0
        for t in try regime.trajectories() {
            let initial = t.records[0].products
            for record in t.records {
                for row in 0..<initial.rows {
                    for column in 0..<2 {
                        checked += 1
                        if initial[row, column] * record.products[row, column] < 0 { flips += 1 }
                    }
                }
            }
        }
        report("LEM-D.6", "\(regime): \(flips) sign changes in \(checked) (step, j, r, y) checks")
        if regime == .section51High || regime == .section51Low {
            // The proof's update of <w, mu_y> uses xi perp mu (Definition 2.1); with Sec 5.1's
            // unprojected noise the small wrong-group products pick up <xi_i, mu_y> terms and cross zero.
            withKnownIssue("sign invariance relies on the projected noise of Definition 2.1") { #expect(flips == 0) }
        } else {
            #expect(flips == 0)
        }
    }

    /// Outside the lemma's step-size condition (eta <= m ||mu||^-2 / C) the wrong-group signal
    /// products change sign at every step: at eta = 0.25 (Sec 5.1 high, Def 2.1 data) the factor
    /// 1 - 2 eta ||mu||^2 sum_{S_y} |l'_i| / (n m) is about 1 - 1.4 < 0.
    @Test("LEM-D.6 — beyond its step-size condition (eta = 0.25) the signs flip: the lemma needs eta < n m / (2 ||mu||^2 |S_y|)", .tags(.erratum))
    func lemmaD6FailsForLargeStep() throws {
        let c = ClassificationRunConfiguration(data: DataConfiguration(dimension: 1000, sampleCount: 30, signalNorm: 15, noiseModel: .projected),
                                               width: 20, sigma0: 0.001, eta: 0.25, steps: 40, recordEvery: 1, seed: 3)
        let t = try TrajectoryCache.shared.classification(c)
        let n = t.data.sampleCount, m = c.width
        let etaStar = Double(n * m) / (2 * 225 * Double(max(t.data.classIndices(1).count, t.data.classIndices(-1).count)))
        var flips = 0
        for record in t.records { for row in 0..<(2 * m) { for column in 0..<2 where t.records[0].products[row, column] * record.products[row, column] < 0 { flips += 1 } } }
        report("LEM-D.6", "eta = 0.25 > eta* = \(etaStar): \(flips) sign changes")
        #expect(c.eta > etaStar)
        withKnownIssue("sign invariance needs eta < eta*") { #expect(flips == 0) }
    }

    /// Lemma D.7 with an explicit constant: if every inner product is at most B in absolute value then
    /// F_j <= 2 B^2 and |l'_i| = 1 / (1 + e^{y_i f_i}) >= C_l(B) = 1 / (1 + e^{2 B^2}). Checked at every
    /// step with B_k = the step's largest |inner product|; the measured C_l is the smallest |l'_i|
    /// before the first stage ends (T1 of Theorem D.1 or D.3).
    @Test("LEM-D.7 — |l'_i| >= C_l(B) = 1/(1 + e^{2B^2}) at every step; measured C_l over the first stage",
          arguments: Regime.allCases)
    func lemmaD7LossDerivativeLowerBound(regime: Regime) throws {
        var measured = Double.infinity, measuredUnitScale = Double.infinity, violations = 0
        for t in try regime.trajectories() {
            let end = (regime.isSignalRegime ? signalT1(t) : noiseT1(t)) ?? t.summaries.count
            for (k, s) in t.summaries.enumerated() {
                let b = max(s.signalMaxAll, s.noiseMaxAll)
                if s.minAbsLossDerivative < 1 / (1 + exp(2 * b * b)) { violations += 1 }
                if k < end { measured = min(measured, s.minAbsLossDerivative) }
                if b <= 1 { measuredUnitScale = min(measuredUnitScale, s.minAbsLossDerivative) }
            }
        }
        report("LEM-D.7", "\(regime): min |l'| while all |products| <= 1: \(measuredUnitScale) (bound 0.119); min |l'| over [0, T1): \(measured); steps violating C_l(B): \(violations)")
        #expect(violations == 0)
        #expect(measured > 0)
    }

    /// The constant of Lemma D.8 from its own proof: C = 4 max_{z>0} [-4 l'(z - 0.5) (sqrt z + 1)^2]
    /// (the 4 converts max(||mu||^2, 4 sigma^2 d) to max(||mu||^2, sigma^2 d)).
    static let proofConstant: Double = {
        var best = 0.0
        for k in 0...200_000 {
            let z = Double(k) * 1e-3
            best = max(best, -4 * Logistic.derivative(z - 0.5) * (z.squareRoot() + 1) * (z.squareRoot() + 1))
        }
        return 4 * best
    }()

    @Test("LEM-D.8 — ||grad L_S||^2 <= C max(||mu||^2, sigma^2 d) L_S: measured C stays below the proof's constant",
          arguments: Regime.allCases)
    func lemmaD8GradientBoundedByLoss(regime: Regime) throws {
        var worst = 0.0
        for t in try regime.trajectories() {
            let scale = max(t.configuration.data.signalNorm * t.configuration.data.signalNorm,
                            t.configuration.data.sigmaXi * t.configuration.data.sigmaXi * Double(t.data.dimension))
            for s in t.summaries where s.loss > 0 { worst = max(worst, s.gradientNorm * s.gradientNorm / (scale * s.loss)) }
        }
        report("LEM-D.8", "\(regime): max ||grad||^2 / (max(||mu||^2, sigma^2 d) L_S) = \(worst); proof constant \(Self.proofConstant)")
        #expect(worst <= Self.proofConstant)
    }
}
