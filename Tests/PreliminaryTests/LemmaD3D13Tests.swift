import Foundation
import Testing
@testable import FeatureLearning

/// Lemma D.3 (Gaussian small-ball bound) and Lemma D.13 (ratio of logistic-loss derivatives).
@Suite("Lemmas D.3, D.13", .tags(.lemma))
struct LemmaD3D13Tests {
    /// Monte Carlo estimate of P(|x| <= c) for x ~ N(0, sigma^2), 10^6 draws.
    static func smallBallFrequency(c: Double, sigma: Double, seed: UInt64) -> Double {
        var g = Xoshiro256StarStar(seed: seed)
        var hits = 0
        for _ in 0..<1_000_000 where abs(sigma * g.nextStandardNormal()) <= c { hits += 1 }
        return Double(hits) / 1_000_000
    }

    /// The first inequality holds with equality: P(|x| <= c) = erf(c / (sqrt 2 sigma)). Checked by
    /// Monte Carlo within a binomial 5.33-sigma band (false-fail 1e-7 per point, 5 points: 5e-7).
    @Test("LEM-D.3 — P(|x| <= c) <= erf(c / (sqrt2 sigma)) (with equality), by Monte Carlo")
    func lemmaD3SmallBallEqualsErf() {
        let sigma = 2.0
        for (index, c) in [0.01, 0.3, 1.0, 2.5, 6.0].enumerated() {
            let p = erf(c / (2.0.squareRoot() * sigma))
            let frequency = Self.smallBallFrequency(c: c, sigma: sigma, seed: 300 + UInt64(index))
            let band = zForOneInTenMillion * (p * (1 - p) / 1_000_000).squareRoot() + 1e-9
            report("LEM-D.3", "c=\(c): frequency \(frequency), erf \(p)")
            #expect(abs(frequency - p) <= band)
        }
    }

    /// erf(x) <= sqrt(1 - exp(-4 x^2 / pi)) for all x >= 0 (Polya 1949), checked on a grid of 200,001
    /// points in [0, 20]. Both sides are evaluated without cancellation: the right side as
    /// sqrt(-expm1(-4x^2/pi)) (accurate near 0, where the two sides agree to first order), and the
    /// equivalent complementary form erfc(x) >= e / (1 + sqrt(1 - e)), e = exp(-4x^2/pi) (accurate near
    /// 1). Each comparison is relative and allows 8 ulps for the rounding of erf, expm1, exp and sqrt.
    @Test("LEM-D.3 — erf(x) <= sqrt(1 - exp(-4x^2/pi)) on a dense grid (deterministic)")
    func lemmaD3ErfUpperBound() {
        var worstDirect = -Double.infinity, worstComplement = -Double.infinity
        for k in 1...200_000 {
            let x = Double(k) * 1e-4
            let a = 4 * x * x / Double.pi
            let rightSide = (-expm1(-a)).squareRoot()
            worstDirect = max(worstDirect, (erf(x) - rightSide) / rightSide)
            let e = exp(-a)
            let complementBound = e / (1 + (-expm1(-a)).squareRoot())
            if complementBound > 0 { worstComplement = max(worstComplement, (complementBound - erfc(x)) / complementBound) }
        }
        report("LEM-D.3", "max relative excess: erf over bound \(worstDirect); complementary form \(worstComplement)")
        #expect(worstDirect <= 8 * Double.ulpOfOne)
        #expect(worstComplement <= 8 * Double.ulpOfOne)
    }

    /// The proof's intermediate line "P(|x| <= c) = 2 erf(c / (sqrt2 sigma))" is false: the
    /// probability equals erf(...), and 2 erf exceeds 1 for large c. (The substitution line before it
    /// drops a factor 2.) The lemma's conclusion is unaffected.
    @Test("LEM-D.3 — the proof's line P(|x| <= c) = 2 erf(c/(sqrt2 sigma)) is off by a factor 2", .tags(.erratum))
    func lemmaD3ProofIntermediateEquality() {
        let sigma = 1.0, c = 1.0
        let frequency = Self.smallBallFrequency(c: c, sigma: sigma, seed: 301)
        let printed = 2 * erf(c / (2.0.squareRoot() * sigma))
        report("LEM-D.3", "P(|x| <= 1) measured \(frequency); printed 2 erf = \(printed); erf = \(printed / 2)")
        withKnownIssue("printed intermediate equality has a spurious factor 2") {
            #expect(abs(frequency - printed) < 0.01)
        }
        #expect(abs(frequency - printed / 2) < 0.01)
    }

    /// g(z) = l'(z) = -1/(1 + e^z); g(z1)/g(z2) = (1 + e^z2)/(1 + e^z1), evaluated in log space as
    /// softplus(z2) - softplus(z1) so that it is exact for |z| up to 1e4.
    static func logRatio(_ z1: Double, _ z2: Double) -> Double { Logistic.softplus(z2) - Logistic.softplus(z1) }

    /// As printed, the hypothesis z2 - c >= z1 >= -1 lets z2 exceed z1 + c by any amount, and then the
    /// ratio grows like e^(z2 - z1): e.g. z1 = -1, c = 10, z2 = 20 gives 3.5e8 > e^10 = 2.2e4.
    @Test("LEM-D.13 — as printed (z2 - c >= z1 >= -1) the ratio bound fails", .tags(.erratum))
    func lemmaD13AsPrinted() {
        var violations = 0, checked = 0
        for z1 in stride(from: -1.0, through: 30, by: 0.25) {
            for c in stride(from: 0.0, through: 40, by: 0.5) {
                for extra in [0.0, 0.5, 3, 10, 100] {
                    let z2 = z1 + c + extra
                    checked += 1
                    if Self.logRatio(z1, z2) > c + 1e-12 { violations += 1 }
                }
            }
        }
        report("LEM-D.13", "printed hypothesis: \(violations) of \(checked) grid points violate g(z1)/g(z2) <= e^c; e.g. z1=-1, c=10, z2=20: ratio \(exp(Self.logRatio(-1, 20))) vs e^10 = \(exp(10.0))")
        withKnownIssue("the hypothesis must bound z2 from above (z2 - c <= z1), not from below") {
            #expect(violations == 0)
        }
    }

    /// Corrected: for all real z1, z2, g(z1)/g(z2) <= exp(max(0, z2 - z1)); hence <= e^c whenever
    /// z1 >= z2 - c (no lower bound on z1 needed). This is the form the proof of Theorem D.2 uses
    /// (|l'_i'| / |l'_i| <= exp(y_i f_i - y_i' f_i')). Dense grid including z1 = -1, large c and |z| = 1e4.
    @Test("LEM-D.13 — corrected: g(z1)/g(z2) <= e^c whenever z1 >= z2 - c (dense property test)")
    func lemmaD13Corrected() {
        var worst = -Double.infinity
        var points = [Double](stride(from: -60.0, through: 60, by: 0.125))
        points += [-1, -1e4, 1e4, -700, 700]
        for z1 in points {
            for z2 in points {
                let excess = Self.logRatio(z1, z2) - max(0, z2 - z1)
                worst = max(worst, excess)
            }
        }
        report("LEM-D.13", "max over grid of log(g(z1)/g(z2)) - max(0, z2 - z1) = \(worst)")
        #expect(worst <= 1e-12)
        // The bound is attained asymptotically: z1 -> -infinity, z2 - z1 = c fixed large gives ratio -> e^c.
        #expect(abs(Self.logRatio(-50, -40)) < 1e-10 && abs(Self.logRatio(40, 50) - 10) < 1e-10)
    }
}
