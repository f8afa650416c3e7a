import Foundation
import Testing
@testable import FeatureLearning

/// NET-DIFF, LOSS-DDPM, Lemmas E.2 and E.3: the network, the DDPM loss and its exact expectation.
@Suite("DDPM loss and gradient (Sec 2, App E.2)")
struct DiffusionLossTests {
    @Test("NET-DIFF — f_p(W, x) = m^-1/2 sum_r <w_r, x>^2 w_r, cubic in the shared weights")
    func netDiffForwardPass() {
        let w = randomWeights(m: 4, d: 6, scale: 0.7, seed: 1)
        var g = Xoshiro256StarStar(seed: 2)
        let x = (0..<6).map { _ in g.nextStandardNormal() }
        let f = DiffusionNetwork.output(weights: w, patch: x)
        for k in 0..<6 {
            var expected = 0.0
            for r in 0..<4 {
                let row = w.row(r)
                let u = zip(row, x).reduce(0) { $0 + $1.0 * $1.1 }
                expected += u * u * row[k] / 2
            }
            #expect(abs(f[k] - expected) <= 1e-14 * max(1, abs(expected)))
        }
        // Shared first and second layer: f(cW, x) = c^3 f(W, x).
        let scaled = Matrix(rows: 4, columns: 6, storage: w.storage.map { 2 * $0 })
        #expect(zip(DiffusionNetwork.output(weights: scaled, patch: x), f).allSatisfy { abs($0 - 8 * $1) <= 1e-13 * max(1, abs($0)) })
    }

    /// Five-point Gauss–Hermite rule (physicists' weight e^{-x^2}): exact for polynomials of degree <= 9
    /// in each coordinate. ||f(W, a x + b eps) - eps||^2 has degree 6 in eps, so the tensor rule gives
    /// E_eps exactly (to rounding), independently of our closed form.
    static let hermiteNodes = [-2.020182870456085632, -0.958572464613818507, 0, 0.958572464613818507, 2.020182870456085632]
    static let hermiteWeights = [0.019953242059045913, 0.393619323152241159, 0.945308720482941881, 0.393619323152241159, 0.019953242059045913]

    static func quadratureLoss(weights w: Matrix, data: TwoPatchDataset, time: DiffusionTime) -> Double {
        let d = w.columns
        var total = 0.0
        for i in 0..<data.sampleCount {
            for patch in [data.signalPatches.row(i), data.noisePatches.row(i)] {
                var expectation = 0.0
                var index = [Int](repeating: 0, count: d)
                while true {
                    var weight = 1.0, eps = [Double](repeating: 0, count: d)
                    for k in 0..<d {
                        weight *= hermiteWeights[index[k]] / Double.pi.squareRoot()
                        eps[k] = 2.0.squareRoot() * hermiteNodes[index[k]]
                    }
                    let xt = zip(patch, eps).map { time.alphaT * $0 + time.betaT * $1 }
                    let f = DiffusionNetwork.output(weights: w, patch: xt)
                    expectation += weight * zip(f, eps).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                    var k = 0
                    while k < d { index[k] += 1; if index[k] < 5 { break }; index[k] = 0; k += 1 }
                    if k == d { break }
                }
                total += expectation
            }
        }
        return total / Double(2 * data.sampleCount)
    }

    /// Tolerance 1e-12 relative: the quadrature sums 5^d terms each with O(1e-16) relative error.
    @Test("LEM-E.2 — the derived closed form equals the exact expectation (Gauss–Hermite quadrature, d = 2 and 3)",
          arguments: [(2, 2, 1), (3, 3, 2), (3, 1, 2)])
    func lemmaE2ClosedFormMatchesQuadrature(d: Int, m: Int, n: Int) throws {
        let data = try TwoPatchDataset.generate(DataConfiguration(dimension: d, sampleCount: n, signalNorm: 1.3, noiseModel: .isotropic),
                                                seeds: SeedSequence(seed: UInt64(10 * d + m)))
        let w = randomWeights(m: m, d: d, scale: 0.8, seed: UInt64(d * m))
        let time = DiffusionTime(t: 0.2)
        let exact = DiffusionLoss.lossAndGradient(weights: w, data: data, alpha: time.alphaT, beta: time.betaT).loss
        let quadrature = Self.quadratureLoss(weights: w, data: data, time: time)
        report("LEM-E.2", "d=\(d) m=\(m) n=\(n): closed form \(exact), quadrature \(quadrature)")
        #expect(abs(exact - quadrature) <= 1e-12 * abs(quadrature))
    }

    /// Exact expectation against the Monte Carlo average of 4000 draws at a larger size. The MC mean has
    /// standard error s / sqrt(N) from the per-draw losses; |MC - exact| <= 5.33 SE fails a correct
    /// closed form with probability 1e-7 (CLT; per-draw losses have all moments).
    @Test("LEM-E.2 / LOSS-DDPM — exact expectation agrees with the Monte Carlo loss within its confidence band")
    func lemmaE2MatchesMonteCarlo() throws {
        let data = smallData(d: 40, n: 3, mu: 3, noise: .isotropic, seed: 3)
        let w = randomWeights(m: 5, d: 40, scale: 0.3, seed: 4)
        let time = DiffusionTime(t: 0.2)
        var g = Xoshiro256StarStar(seed: 5)
        let mc = try DiffusionMonteCarlo.estimate(weights: w, data: data, alpha: time.alphaT, beta: time.betaT, noiseSamples: 4000, generator: &g, withGradient: false)
        let exact = DiffusionLoss.lossAndGradient(weights: w, data: data, alpha: time.alphaT, beta: time.betaT).loss
        report("LOSS-DDPM", "exact \(exact), Monte Carlo \(mc.loss) ± \(mc.standardError) (z = \((mc.loss - exact) / mc.standardError))")
        #expect(abs(mc.loss - exact) <= zOneInTenMillion * mc.standardError)
    }

    @Test("LEM-E.2 — as printed (2/m on the cross-neuron sum) the lemma double-counts; with 1/m it is exact", .tags(.erratum))
    func lemmaE2PrintedVersusExact() {
        let data = smallData(d: 30, n: 4, mu: 2, seed: 6)
        let w = randomWeights(m: 6, d: 30, scale: 0.4, seed: 7)
        let time = DiffusionTime(t: 0.2)
        let exact = DiffusionLoss.lossAndGradient(weights: w, data: data, alpha: time.alphaT, beta: time.betaT).loss
        let printed = PrintedDiffusionFormulas.lemmaE2(weights: w, data: data, alpha: time.alphaT, beta: time.betaT)
        let corrected = PrintedDiffusionFormulas.lemmaE2(weights: w, data: data, alpha: time.alphaT, beta: time.betaT, crossFactor: 1)
        report("LEM-E.2", "exact \(exact), printed \(printed) (difference \(printed - exact)), corrected \(corrected)")
        withKnownIssue("L2's prefactor 2/m counts every pair (r, r') twice") { #expect(abs(printed - exact) <= 1e-12 * exact) }
        #expect(abs(corrected - exact) <= 1e-12 * exact)
        #expect(abs(printed - exact) > 1e-6) // the difference is the whole cross-neuron term, not rounding
    }

    /// Central differences in Double, h = 1e-6: truncation h^2 |L'''| / 6 and rounding eps |L| / h
    /// (|L| ~ d = 20) are ~2e-9; tolerance rtol 1e-5 (100x tighter than gradcheck's 1e-3) + atol 1e-8.
    @Test("LEM-E.3 — the exact gradient equals central differences entry by entry")
    func lemmaE3GradientMatchesFiniteDifferences() {
        let data = smallData(d: 10, n: 3, mu: 2, noise: .isotropic, seed: 8)
        let w = randomWeights(m: 4, d: 10, scale: 0.5, seed: 9)
        let time = DiffusionTime(t: 0.2)
        let gradient = DiffusionLoss.lossAndGradient(weights: w, data: data, alpha: time.alphaT, beta: time.betaT).gradient
        let worst = GradientCheck.worstScaledError(at: w, analytic: gradient, step: 1e-6, relativeTolerance: 1e-5, absoluteTolerance: 1e-8) {
            DiffusionLoss.lossAndGradient(weights: $0, data: data, alpha: time.alphaT, beta: time.betaT).loss
        }
        report("LEM-E.3", "worst scaled finite-difference error \(worst)")
        #expect(worst <= 1)
    }

    /// The exact gradient against the Monte Carlo gradient along three fixed unit directions V:
    /// 40 independent batches of 100 draws give batch means of <grad, V>; |mean - exact| <= 7 SE
    /// (Student t with 39 degrees of freedom: P(|t| > 7) ~ 2e-8 per direction).
    @Test("LEM-E.3 — the exact gradient agrees with the Monte Carlo gradient within its confidence band")
    func lemmaE3MatchesMonteCarlo() throws {
        let data = smallData(d: 20, n: 2, mu: 2, noise: .isotropic, seed: 10)
        let w = randomWeights(m: 3, d: 20, scale: 0.4, seed: 11)
        let time = DiffusionTime(t: 0.2)
        let exact = DiffusionLoss.lossAndGradient(weights: w, data: data, alpha: time.alphaT, beta: time.betaT).gradient
        var g = Xoshiro256StarStar(seed: 12)
        let directions = (0..<3).map { _ -> [Double] in
            let v = (0..<w.storage.count).map { _ in g.nextStandardNormal() }
            let n = Vector.norm(v)
            return v.map { $0 / n }
        }
        var batches = Array(repeating: [Double](), count: 3)
        for _ in 0..<40 {
            let estimate = try DiffusionMonteCarlo.estimate(weights: w, data: data, alpha: time.alphaT, beta: time.betaT, noiseSamples: 100, generator: &g)
            for (k, v) in directions.enumerated() { batches[k].append(Vector.dot(estimate.gradient.storage, v)) }
        }
        for (k, v) in directions.enumerated() {
            let mean = Moments.mean(batches[k]), se = Moments.standardDeviation(batches[k]) / 40.0.squareRoot()
            let target = Vector.dot(exact.storage, v)
            report("LEM-E.3", "direction \(k): exact \(target), Monte Carlo \(mean) ± \(se)")
            #expect(abs(mean - target) <= 7 * se)
        }
    }

    static func relativeDifference(_ a: Matrix, _ b: Matrix) -> Double {
        var diff = a
        for t in 0..<diff.storage.count { diff.storage[t] -= b.storage[t] }
        return (diff.squaredFrobeniusNorm / b.squaredFrobeniusNorm).squareRoot()
    }

    /// Printed Lemma E.3 against (a) the true gradient and (b) the gradient of the printed Lemma E.2
    /// (central differences); then the three term-by-term corrections, which make it exact.
    @Test("LEM-E.3 — as printed the gradient is wrong (and is not the gradient of printed E.2); three corrections make it exact", .tags(.erratum))
    func lemmaE3PrintedVersusExact() {
        let data = smallData(d: 12, n: 3, mu: 2, seed: 13)
        let w = randomWeights(m: 4, d: 12, scale: 0.6, seed: 14)
        let time = DiffusionTime(t: 0.2)
        let exact = DiffusionLoss.lossAndGradient(weights: w, data: data, alpha: time.alphaT, beta: time.betaT).gradient
        let printed = PrintedDiffusionFormulas.lemmaE3(weights: w, data: data, alpha: time.alphaT, beta: time.betaT)
        let corrected = PrintedDiffusionFormulas.lemmaE3(weights: w, data: data, alpha: time.alphaT, beta: time.betaT, corrected: true)
        let ofPrinted = GradientCheck.numericGradient(at: w, step: 1e-6) {
            PrintedDiffusionFormulas.lemmaE2(weights: $0, data: data, alpha: time.alphaT, beta: time.betaT)
        }
        let printedVsExact = Self.relativeDifference(printed, exact)
        let printedVsPrintedLoss = Self.relativeDifference(printed, ofPrinted)
        let correctedVsExact = Self.relativeDifference(corrected, exact)
        report("LEM-E.3", "relative error: printed vs true gradient \(printedVsExact); printed E.3 vs gradient of printed E.2 \(printedVsPrintedLoss); corrected vs true \(correctedVsExact)")
        withKnownIssue("the printed gradient has 4 beta^2 for 4 beta^4, 8 a^2 b^2 u_r for 4 a^2 b^2 u_r', and misses 4 a^2 b^2 u_r u_r' G w_r'") {
            #expect(printedVsExact <= 1e-10)
        }
        withKnownIssue("the printed E.3 is not the gradient of the printed E.2 either") { #expect(printedVsPrintedLoss <= 1e-6) }
        #expect(correctedVsExact <= 1e-12)
    }
}
