import Foundation
import Testing
@testable import FeatureLearning

/// Lemmas D.9, D.16 (average inner products at initialization) and D.14 (anti-concentration).
@Suite("Lemmas D.9, D.14, D.16", .tags(.lemma))
struct LemmaD9D14D16Tests {
    /// <w_jr, mu_y> for an isotropic w ~ N(0, sigma0^2 I) and orthogonal mu_1, mu_-1 are i.i.d.
    /// N(0, sigma0^2 ||mu||^2) over (j, r, y): we draw them directly (exact in distribution, cost 4m).
    /// Returns true when some (j, y) has mean_r |<w_jr, mu_y>| outside [s/2, s], s = sigma0 ||mu||.
    static func d9Violated(m: Int, seeds: SeedSequence) -> Bool {
        var g = seeds.generator(.initialization)
        for _ in 0..<4 {
            var total = 0.0
            for _ in 0..<m { total += abs(g.nextStandardNormal()) }
            let mean = total / Double(m) // in units of s
            if mean < 0.5 || mean > 1 { return true }
        }
        return false
    }

    /// The smallest m in `grid` whose observed violation rate is <= delta, with all rates.
    static func widthBoundary(delta: Double, grid: [Int], trials: Int, seed: UInt64,
                              violated: @escaping @Sendable (Int, SeedSequence) -> Bool) -> (Int?, [(Int, ViolationRate)]) {
        var rates: [(Int, ViolationRate)] = []
        for m in grid {
            rates.append((m, RepeatedTrials.violationRate(trials, seeds: SeedSequence(seed: seed + UInt64(m)), delta: delta) { _, s in violated(m, s) }))
        }
        return (rates.first { $0.1.observedRate <= delta }?.0, rates)
    }

    /// At the paper's width m = 20 the average of 20 half-normals leaves [0.5, 1] s (mean 0.80 s,
    /// sd 0.135 s) for one of the four (j, y) pairs about 20% of the time: the lemma's conclusion fails
    /// for delta = 0.05. (The printed statement also sums r = 1..n where it means 1..m.)
    @Test("LEM-D.9 — at the paper's m = 20 the mean bound fails more often than delta = 0.05", .tags(.erratum))
    func lemmaD9AtPaperWidth() {
        let rate = RepeatedTrials.violationRate(20_000, seeds: SeedSequence(seed: 0xD9), delta: 0.05) { _, s in Self.d9Violated(m: 20, seeds: s) }
        report("LEM-D.9", "m = 20: \(rate)")
        withKnownIssue("m = 20 is below the width the lemma needs for delta = 0.05") {
            #expect(!rate.refutesClaim)
        }
    }

    /// The boundary of m = Omega(log(1/delta)): the smallest m with violation rate <= delta for three
    /// deltas, and the hidden constant m* / log(1/delta). At m* the claim is not refuted.
    @Test("LEM-D.9 — the width where the mean bound starts to hold w.p. 1 - delta, for delta = 0.1, 0.05, 0.01")
    func lemmaD9WidthBoundary() {
        var constants: [String] = []
        for delta in [0.1, 0.05, 0.01] {
            let (boundary, rates) = Self.widthBoundary(delta: delta, grid: Array(stride(from: 20, through: 120, by: 5)), trials: 20_000, seed: 0xD90) { m, s in
                Self.d9Violated(m: m, seeds: s)
            }
            let mStar = try! #require(boundary)
            let atBoundary = rates.first { $0.0 == mStar }!.1
            constants.append("delta=\(delta): m*=\(mStar) (rate \(atBoundary.observedRate)), m*/log(1/delta)=\(Double(mStar) / log(1 / delta))")
            #expect(mStar > 20)
            #expect(!atBoundary.refutesClaim)
            // Beyond the boundary (m* + 20) the claim is confirmed outright when enough trials are run.
            let beyond = RepeatedTrials.violationRate(20_000, seeds: SeedSequence(seed: 0xD91), delta: delta) { _, s in Self.d9Violated(m: mStar + 20, seeds: s) }
            #expect(!beyond.refutesClaim && beyond.observedRate < delta)
        }
        report("LEM-D.9", constants.joined(separator: "; "))
    }

    /// Lemma D.16 for one draw of data and, for each width in `widths`, independent weights: for fixed
    /// data, (<w, xi_1>, ..., <w, xi_n>) ~ N(0, sigma0^2 G) with G the Gram matrix of the xi_i, drawn
    /// exactly as sigma0 L z (L L^T = G). Entry k is true when, at width widths[k], some (j, i) has
    /// mean_r |<w_jr, xi_i>| outside [sigma0 sigma sqrt(d) / 2, sigma0 sigma sqrt(d)]. The data draw is
    /// shared by the widths (each width's rate is still a rate over independent trials).
    static func d16Violations(widths: [Int], d: Int, n: Int, seeds: SeedSequence) -> [Bool] {
        let data = drawData(d: d, n: n, mu: 1, seeds: seeds)
        let l = try! choleskyFactor(innerProducts(data.noisePatches, data.noisePatches))
        let scale = Double(d).squareRoot() // sigma0 = sigma = 1 without loss of generality
        return widths.enumerated().map { index, m in
            var g = seeds.generator(.initialization, index: UInt64(index))
            for _ in 0..<2 {
                var sums = [Double](repeating: 0, count: n)
                for _ in 0..<m {
                    let z = (0..<n).map { _ in g.nextStandardNormal() }
                    let products = lowerTriangularTimes(l, z)
                    for i in 0..<n { sums[i] += abs(products[i]) }
                }
                if sums.contains(where: { $0 / Double(m) < scale / 2 || $0 / Double(m) > scale }) { return true }
            }
            return false
        }
    }

    /// At the paper's m = 20, n = 30, the 2n = 60 averages almost surely include one outside the band.
    @Test("LEM-D.16 — at the paper's sizes (d = 1000, n = 30, m = 20) the mean noise bound fails", .tags(.erratum))
    func lemmaD16AtPaperSizes() {
        let rate = RepeatedTrials.violationRate(300, seeds: SeedSequence(seed: 0xD16), delta: 0.05) { _, s in Self.d16Violations(widths: [20], d: 1000, n: 30, seeds: s)[0] }
        report("LEM-D.16", "d=1000 n=30 m=20: \(rate)")
        withKnownIssue("m = 20 is below the m = Omega(log(n/delta)) the lemma needs at n = 30, delta = 0.05") {
            #expect(!rate.refutesClaim)
        }
    }

    @Test("LEM-D.16 — the width where the mean noise bound starts to hold w.p. 1 - delta (d = 1000, n = 30, delta = 0.05)")
    func lemmaD16WidthBoundary() throws {
        let delta = 0.05
        let grid = [40, 60, 80, 100, 120, 140, 160, 200]
        let outcomes = RepeatedTrials.map(1000, seeds: SeedSequence(seed: 0xD160)) { _, s in Self.d16Violations(widths: grid, d: 1000, n: 30, seeds: s) }
        let rates = grid.indices.map { k in
            (grid[k], ClopperPearson.violationRate(violations: outcomes.filter { $0[k] }.count, trials: outcomes.count, delta: delta))
        }
        let boundary = rates.first { $0.1.observedRate <= delta }?.0
        report("LEM-D.16", rates.map { "m=\($0.0): \($0.1.observedRate)" }.joined(separator: ", ") + "; m* = \(boundary.map(String.init) ?? "none"), m*/log(n/delta) = \(boundary.map { Double($0) / log(30 / delta) } ?? .nan)")
        let mStar = try #require(boundary)
        #expect(mStar > 20)
        #expect(!rates.first { $0.0 == mStar }!.1.refutesClaim)
    }

    // MARK: Lemma D.14

    /// alpha = 2 log T* with T* = 500 (the paper's iteration count; T* >= any run length).
    static let alpha = 2 * log(500.0)

    /// The anti-concentration threshold c = 8 sqrt(log(4 n^2 / delta) / d) n alpha of Lemma D.14.
    static func threshold(n: Int, d: Int, delta: Double) -> Double {
        8 * (log(4 * Double(n * n) / delta) / Double(d)).squareRoot() * Double(n) * alpha
    }

    /// One draw of data and weights; entry k is true when min_{j,r,i} |<w_jr, xi_i>| < c_k at
    /// sigma0 = sigma0s[k] (exact joint draw via the Gram factor; c depends on delta).
    static func d14Violations(_ cases: [(sigma0: Double, delta: Double)], m: Int, d: Int, n: Int, seeds: SeedSequence) -> [Bool] {
        let data = drawData(d: d, n: n, mu: 1, seeds: seeds)
        let l = try! choleskyFactor(innerProducts(data.noisePatches, data.noisePatches))
        var g = seeds.generator(.initialization)
        var smallest = Double.infinity // min over (j, r, i) of |<w, xi_i>| / sigma0
        for _ in 0..<(2 * m) {
            let z = (0..<n).map { _ in g.nextStandardNormal() }
            for value in lowerTriangularTimes(l, z) { smallest = min(smallest, abs(value)) }
        }
        return cases.map { smallest * $0.sigma0 < threshold(n: n, d: d, delta: $0.delta) }
    }

    /// At the paper's sigma0 = 0.001 the inner products are ~0.03 while c ~ 300: always violated.
    @Test("LEM-D.14 — at the paper's sigma0 = 0.001 the anti-concentration bound fails (its hypothesis fails too)", .tags(.erratum))
    func lemmaD14AtPaperSettings() {
        let rate = RepeatedTrials.violationRate(200, seeds: SeedSequence(seed: 0xD14), delta: 0.05) { _, s in
            Self.d14Violations([(0.001, 0.05)], m: 20, d: 1000, n: 30, seeds: s)[0]
        }
        report("LEM-D.14", "paper settings: c = \(Self.threshold(n: 30, d: 1000, delta: 0.05)); \(rate)")
        withKnownIssue("sigma0 = 0.001 is far below the lemma's sigma0 lower bound") { #expect(!rate.refutesClaim) }
    }

    /// The printed hypothesis sigma0 >= C log(n^2/delta) n^2 m alpha / (d sigma) with a fixed C: the
    /// violation probability is about 2mn sqrt(2/pi) c / (sigma0 ||xi||) = 12.8 sqrt(log(4n^2/delta)) /
    /// (C log(n^2/delta)), which decays only like 1/sqrt(log(1/delta)). We calibrate C = 60 so the
    /// lemma holds at delta = 0.1, then take delta = 1e-3 with the same C: violated far more often than delta.
    /// Corrected hypothesis (from the proof's own use of Lemma D.3 and a union bound over 2mn products):
    /// sigma0 >= sqrt(2/pi) 2 m n c / (delta sigma sqrt(0.99 d)), linear in 1/delta.
    @Test("LEM-D.14 — the printed sigma0 lower bound (log(1/delta)) is too weak; the proof needs sigma0 ~ 1/delta", .tags(.erratum))
    func lemmaD14HypothesisScaling() {
        let m = 20, d = 1000, n = 30
        let printed01 = 60 * log(Double(n * n) / 0.1) * Double(n * n * m) * Self.alpha / Double(d)
        let printed0001 = 60 * log(Double(n * n) / 1e-3) * Double(n * n * m) * Self.alpha / Double(d)
        let corrected0001 = (2 / Double.pi).squareRoot() * 2 * Double(m * n) * Self.threshold(n: n, d: d, delta: 1e-3) / (1e-3 * (0.99 * Double(d)).squareRoot())
        let outcomes = RepeatedTrials.map(2000, seeds: SeedSequence(seed: 0xD141)) { _, s in
            Self.d14Violations([(printed01, 0.1), (printed0001, 1e-3), (corrected0001, 1e-3)], m: m, d: d, n: n, seeds: s)
        }
        let calibrated = ClopperPearson.violationRate(violations: outcomes.filter { $0[0] }.count, trials: outcomes.count, delta: 0.1)
        let smallDelta = ClopperPearson.violationRate(violations: outcomes.filter { $0[1] }.count, trials: outcomes.count, delta: 1e-3)
        let corrected = ClopperPearson.violationRate(violations: outcomes.filter { $0[2] }.count, trials: outcomes.count, delta: 1e-3)
        report("LEM-D.14", "printed hypothesis C=60: delta=0.1 \(calibrated); delta=1e-3 \(smallDelta); corrected sigma0=\(corrected0001) at delta=1e-3: \(corrected)")
        #expect(!calibrated.refutesClaim)
        withKnownIssue("with sigma0 ~ log(1/delta) the violation rate decays like 1/sqrt(log(1/delta)), not like delta") {
            #expect(!smallDelta.refutesClaim)
        }
        #expect(!corrected.refutesClaim)
    }
}
