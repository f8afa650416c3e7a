import Foundation
import Testing
@testable import FeatureLearning

/// The statistics every later claim is judged with, checked against closed forms and identities that
/// do not use the code under test.
@Suite("Statistics toolkit", .tags(.toolkit))
struct StatisticsToolkitTests {
    @Test("Normal CDF and quantile match tabulated values")
    func normalFunctions() {
        // Tabulated: Phi^-1(0.975) = 1.959963984540054, Phi(1) = 0.8413447460685429.
        #expect(abs(SpecialFunctions.normalQuantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(SpecialFunctions.normalCDF(1) - 0.8413447460685429) < 1e-15)
        #expect(abs(SpecialFunctions.normalQuantile(1e-10) + 6.361340902404056) < 1e-9)
    }

    /// Closed forms: with k = 0 the one-sided upper bound is 1 - (1 - c)^(1/n); with k = n the lower
    /// bound is (1 - c)^(1/n). Tolerance 1e-9: the bisection solves I_x(a, b) = c with I computed to
    /// about 1e-15 absolute; near c = 1 - 1e-6 the derivative of I is small, amplifying that to ~1e-12.
    @Test("Clopper–Pearson bounds match their closed forms at k = 0 and k = n")
    func clopperPearsonClosedForms() {
        for n in [10, 100, 1000] {
            for c in [0.95, 1 - 1e-6] {
                let upper = ClopperPearson.upperBound(successes: 0, trials: n, confidence: c)
                let lower = ClopperPearson.lowerBound(successes: n, trials: n, confidence: c)
                #expect(abs(upper - (1 - pow(1 - c, 1 / Double(n)))) < 1e-9)
                #expect(abs(lower - pow(1 - c, 1 / Double(n))) < 1e-9)
            }
        }
    }

    /// The defining identity, evaluated by direct binomial summation (not the incomplete beta):
    /// P(Bin(n, p_U) <= k) = 1 - c and P(Bin(n, p_L) >= k) = 1 - c.
    @Test("Clopper–Pearson bounds satisfy their binomial-tail definitions", arguments: [(3, 50), (17, 200), (250, 1000)])
    func clopperPearsonDefinition(k: Int, n: Int) {
        func binomialCDF(_ k: Int, _ n: Int, _ p: Double) -> Double {
            (0...k).reduce(0.0) { sum, j in
                let logTerm: Double = lgamma(Double(n + 1)) - lgamma(Double(j + 1)) - lgamma(Double(n - j + 1))
                    + Double(j) * log(p) + Double(n - j) * log1p(-p)
                return sum + exp(logTerm)
            }
        }
        let c = 0.999
        let upper = ClopperPearson.upperBound(successes: k, trials: n, confidence: c)
        let lower = ClopperPearson.lowerBound(successes: k, trials: n, confidence: c)
        #expect(abs(binomialCDF(k, n, upper) - (1 - c)) < 1e-9)
        #expect(abs((1 - binomialCDF(k - 1, n, lower)) - (1 - c)) < 1e-9)
    }

    @Test("A violation rate is refuted only when the lower bound exceeds delta")
    func violationRateSemantics() {
        let clear = ClopperPearson.violationRate(violations: 0, trials: 10_000, delta: 0.01)
        let refuted = ClopperPearson.violationRate(violations: 2000, trials: 10_000, delta: 0.01)
        let borderline = ClopperPearson.violationRate(violations: 110, trials: 10_000, delta: 0.01)
        #expect(!clear.refutesClaim && clear.confirmsClaim)
        #expect(refuted.refutesClaim)
        #expect(!borderline.refutesClaim && !borderline.confirmsClaim)
    }

    @Test("DKW epsilon is sqrt(log(2/alpha)/(2n))")
    func dkw() {
        #expect(abs(KolmogorovSmirnov.dkwEpsilon(sampleSize: 1000, alpha: 0.05) - (log(40.0) / 2000).squareRoot()) < 1e-15)
    }

    /// Exact data on a line: the fit recovers it with zero residual; noisy data: slope within 6 SE.
    @Test("Least squares recovers lines and power laws with honest standard errors")
    func leastSquares() {
        let x = (1...20).map(Double.init)
        let exact = LinearFit(x: x, y: x.map { 3 - 0.5 * $0 })
        #expect(abs(exact.slope + 0.5) < 1e-12 && abs(exact.intercept - 3) < 1e-12 && exact.slopeStandardError < 1e-12)
        let power = LinearFit.powerLaw(x: x, y: x.map { 2 * pow($0, -1.0 / 6) })
        #expect(abs(power.slope + 1.0 / 6) < 1e-12)
        var g = Xoshiro256StarStar(seed: 5)
        let noisy = LinearFit(x: x, y: x.map { 1 + 2 * $0 + 0.3 * g.nextStandardNormal() })
        // z = 6: false-fail ~2e-9 for a t statistic with 18 degrees of freedom is ~1e-5; use 8 SE (t_18 tail < 1e-6).
        #expect(abs(noisy.slope - 2) < 8 * noisy.slopeStandardError)
        #expect(noisy.slopeStandardError > 0)
    }

    @Test("Growth-shape selection tells linear from exponential growth")
    func growthShape() {
        let k = (0..<50).map(Double.init)
        #expect(GrowthShapeSelection(k: k, y: k.map { 0.01 + 0.002 * $0 }).shape == .linear)
        #expect(GrowthShapeSelection(k: k, y: k.map { 0.01 * exp(0.08 * $0) }).shape == .exponential)
    }
}
