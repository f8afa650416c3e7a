import Foundation
import Testing
@testable import FeatureLearning

/// Theorem E.1 / Theorem 3.1: the stationary point of diffusion training and its signal-to-noise ratio.
@Suite("Diffusion stationary point (Theorem E.1, Theorem 3.1)", .tags(.theorem))
struct StationaryPointTests {
    static let grid: [Double] = [0.1, 0.3, 1, 3, 10, 30]
    static let seeds: [UInt64] = [1, 2]

    struct Point: Sendable {
        var nSNR2: Double
        var meanRatio: Double
        var maxRatio: Double
        var signalSpread: Double
        var noiseSpread: Double
        var meanCosine: Double
        var meanNoise: Double
        var status: DiffusionStatus
        var relativeGradient: Double
    }

    static func point(_ value: Double, _ noise: NoiseModel, _ seed: UInt64, m: Int = 20) -> Point {
        let t = try! TrajectoryCache.shared.diffusion(diffusionConfiguration(nSNR2: value, noise: noise, m: m, seed: seed))
        let levels = LearningLevels(t.last, basis: t.basis)
        var cosines: [Double] = []
        for r in 0..<m { for s in 0..<m where s != r { cosines.append(t.last.gram[r, s] / (t.last.gram[r, r] * t.last.gram[s, s]).squareRoot()) } }
        return Point(nSNR2: value, meanRatio: levels.meanRatio, maxRatio: levels.maxRatio,
                     signalSpread: levels.signal.max()! / levels.signal.min()!, noiseSpread: levels.noise.max()! / levels.noise.min()!,
                     meanCosine: Moments.mean(cosines), meanNoise: Moments.mean(levels.noise), status: t.status, relativeGradient: t.relativeGradientNorm)
    }

    static func sweep(_ noise: NoiseModel) -> [Point] {
        let pairs = grid.flatMap { v in seeds.map { (v, $0) } }
        return RepeatedTrials.map(pairs.count, seeds: SeedSequence(seed: 0)) { index, _ in point(pairs[index].0, noise, pairs[index].1) }
    }

    static let definition21 = sweep(.projected)
    static let section51 = sweep(.isotropic)

    static func points(_ noise: NoiseModel) -> [Point] { noise == .projected ? definition21 : section51 }

    @Test("THM-E.1 — gradient descent reaches a stationary point (||grad|| <= 1e-8 and <= 1e-6 of its peak) at every n SNR^2",
          arguments: [NoiseModel.projected, .isotropic])
    func theoremE1StationaryPointReached(noise: NoiseModel) {
        let points = Self.points(noise)
        report("THM-E.1", "\(noise): statuses \(Set(points.map(\.status.rawValue))), worst relative gradient \(points.map(\.relativeGradient).max()!)")
        #expect(points.allSatisfy { $0.status == .stationary })
    }

    /// The headline claim: |<w*, mu_j>| / |<w*, xi_i>| = Theta(n SNR^2), i.e. exponent 1 in n SNR^2.
    /// Tolerance 0.2 on the exponent (as for every Theta fit here); the measured exponent is far from 1.
    @Test("THM-E.1 / THM-3.1 — the stationary ratio of signal to noise learning against n SNR^2: fitted exponent", .tags(.erratum, .sweep),
          arguments: [NoiseModel.projected, .isotropic])
    func theorem31StationaryRatioExponent(noise: NoiseModel) {
        let points = Self.points(noise)
        let meanFit = LinearFit.powerLaw(x: points.map(\.nSNR2), y: points.map(\.meanRatio))
        let maxFit = LinearFit.powerLaw(x: points.map(\.nSNR2), y: points.map(\.maxRatio))
        let table = Self.grid.map { v in
            let ps = points.filter { $0.nSNR2 == v }
            return String(format: "%.1f: mean ratio %.3f (max-over-neurons ratio %.3f)", v, Moments.mean(ps.map(\.meanRatio)), Moments.mean(ps.map(\.maxRatio)))
        }
        report("THM-3.1", "\(noise): \(table.joined(separator: "; ")); exponent of mean ratio \(meanFit.slope) ± \(meanFit.slopeStandardError), of max ratio \(maxFit.slope) ± \(maxFit.slopeStandardError)")
        withKnownIssue("the stationary ratio does not scale like n SNR^2") { #expect(abs(meanFit.slope - 1) <= 0.2) }
        // What the proof's own three-case summary allows (checked below) is compatible with any exponent
        // in [0, 1]; the measured exponent lies inside, well below 1.
        #expect(meanFit.slope >= 0 && meanFit.slope <= 0.5)
    }

    /// The proof's summary: (1) n SNR^2 = Theta(1): ratio Theta(1); (2) n SNR^2 >> 1: Omega(1) = ratio <=
    /// Theta(n SNR^2); (3) n SNR^2 << 1: Omega(1) = 1/ratio <= Theta(1/(n SNR^2)). Constants made explicit
    /// as C = 3: (1) ratio in [1/3, 3] for n SNR^2 in [0.3, 3]; (2) 1/3 <= ratio <= 3 n SNR^2 for n SNR^2 >= 10;
    /// (3) 1/3 <= 1/ratio <= 3 / (n SNR^2) for n SNR^2 = 0.1.
    @Test("THM-E.1 — the proof's three-case summary holds with constant 3", arguments: [NoiseModel.projected, .isotropic])
    func theoremE1ThreeCaseSummary(noise: NoiseModel) {
        var failures: [String] = []
        for p in Self.points(noise) {
            let ok: Bool
            if p.nSNR2 >= 0.3 && p.nSNR2 <= 3 { ok = p.meanRatio >= 1.0 / 3 && p.meanRatio <= 3 }
            else if p.nSNR2 >= 10 { ok = p.meanRatio >= 1.0 / 3 && p.meanRatio <= 3 * p.nSNR2 }
            else { ok = 1 / p.meanRatio >= 1.0 / 3 && 1 / p.meanRatio <= 3 / p.nSNR2 }
            if !ok { failures.append(String(format: "%.1f: %.3f", p.nSNR2, p.meanRatio)) }
        }
        report("THM-E.1", "\(noise): three-case summary violations: \(failures)")
        #expect(failures.isEmpty)
    }

    /// Concentration at the stationary point: max/min over neurons of the signal and noise levels
    /// within the band 10, and <w_r, w_r'> = Theta(||w_r||^2) read as mean cosine >= 0.5.
    @Test("THM-E.1 — neuron concentration and <w_r, w_r'> against ||w_r||^2 at the stationary point", arguments: [NoiseModel.projected, .isotropic])
    func theoremE1Concentration(noise: NoiseModel) {
        let points = Self.points(noise)
        let signalSpread = points.map(\.signalSpread).max()!, noiseSpread = points.map(\.noiseSpread).max()!
        let cosines = points.map(\.meanCosine)
        report("THM-E.1", "\(noise): worst signal spread \(signalSpread), noise spread \(noiseSpread); mean cosine between neurons in [\(cosines.min()!), \(cosines.max()!)]")
        withKnownIssue("at the stationary point the neurons are nearly orthogonal: <w_r, w_r'> << ||w_r||^2") { #expect(cosines.min()! >= 0.5) }
        // Concentration: measured per n SNR^2; reported, and asserted where it holds (n SNR^2 in [0.3, 10]).
        let middle = points.filter { $0.nSNR2 >= 0.3 && $0.nSNR2 <= 10 }
        #expect(middle.allSatisfy { $0.signalSpread <= 10 && $0.noiseSpread <= 10 })
    }

    /// Whether the stationary point is a minimum: the smallest Hessian eigenvalue (power iteration on
    /// Hessian-vector products) must be >= -1e-6 lambda_max.
    @Test("THM-E.1 — the stationary point is a local minimum (smallest Hessian eigenvalue >= 0)", arguments: [0.75, 6.75])
    func theoremE1IsMinimum(nSNR2: Double) throws {
        let t = try TrajectoryCache.shared.diffusion(diffusionConfiguration(nSNR2: nSNR2, noise: .isotropic, seed: 1))
        let extremes = HessianSpectrum.extremes(weights: t.finalWeights, data: t.data, time: t.configuration.diffusion, iterations: 120)
        report("THM-E.1", "n SNR^2 = \(nSNR2): Hessian eigenvalues in [\(extremes.smallest), \(extremes.largest)]")
        #expect(extremes.largest > 0)
        #expect(extremes.smallest >= -1e-6 * extremes.largest)
    }

    /// The proof's summary gives <w*, xi_i> = Theta(m^-6); its own equations (sqrt(m) x^5 = x^2) give
    /// x = m^-1/6. Sweep m = 5..40 at n SNR^2 = 1 and fit the exponent of mean_{r,i} |<w*_r, xi_i>|.
    @Test("THM-E.1 — m-scaling of the stationary noise inner product: printed m^-6 against the algebra's m^-1/6", .tags(.erratum, .sweep))
    func theoremE1WidthScaling() {
        let widths = [5, 10, 20, 40]
        let magnitudes = RepeatedTrials.map(widths.count, seeds: SeedSequence(seed: 0)) { index, _ in
            Self.point(1, .isotropic, 1, m: widths[index]).meanNoise
        }
        let fit = LinearFit.powerLaw(x: widths.map(Double.init), y: magnitudes)
        report("THM-E.1", "mean |<w*, xi>| by m \(zip(widths, magnitudes).map { "\($0): \($1)" }); exponent \(fit.slope) ± \(fit.slopeStandardError) (printed -6; algebra -1/6)")
        withKnownIssue("Theta(m^-6) is off by orders of magnitude") { #expect(abs(fit.slope + 6) <= 1) }
        withKnownIssue("the algebra's m^-1/6 is not observed either (3 standard errors)") { #expect(fit.slopeIsConsistent(with: -1.0 / 6)) }
        // Observed: the stationary magnitude is independent of m (a regression check on that finding).
        #expect(abs(fit.slope) <= 0.1)
    }

    /// Robustness of the THM-3.1 erratum: the stationary point reached does not depend on the step size
    /// (eta and eta/2 give the same ratio to 1e-9), and a 10x larger initialization (sigma0 = 0.01)
    /// still gives an exponent far below 1 over n SNR^2 = 0.1 .. 30.
    @Test("THM-3.1 — the measured stationary ratio is independent of eta and stays far from n SNR^2 at sigma0 = 0.01", .tags(.erratum, .sweep))
    func theorem31Robustness() throws {
        for value in [0.75, 6.75] {
            let t = try TrajectoryCache.shared.diffusion(diffusionConfiguration(nSNR2: value, noise: .isotropic, seed: 1))
            var half = t.configuration
            half.eta /= 2
            half.selectStepSize = false
            let u = try TrajectoryCache.shared.diffusion(half)
            let a = LearningLevels(t.last, basis: t.basis).meanRatio, b = LearningLevels(u.last, basis: u.basis).meanRatio
            report("THM-3.1", "n SNR^2 = \(value): ratio at eta \(t.configuration.eta): \(a); at eta/2: \(b)")
            #expect(u.status == .stationary)
            #expect(abs(a - b) <= 1e-9 * a)
        }
        let grid = [0.1, 1, 10, 30]
        let ratios = try grid.map { value -> Double in
            let t = try TrajectoryCache.shared.diffusion(diffusionConfiguration(nSNR2: value, noise: .isotropic, sigma0: 0.01, seed: 1))
            #expect(t.status == .stationary)
            return LearningLevels(t.last, basis: t.basis).meanRatio
        }
        let fit = LinearFit.powerLaw(x: grid, y: ratios)
        report("THM-3.1", "sigma0 = 0.01: ratios \(zip(grid, ratios).map { String(format: "%.1f: %.3f", $0, $1) }); exponent \(fit.slope) ± \(fit.slopeStandardError)")
        withKnownIssue("the stationary ratio does not scale like n SNR^2 at sigma0 = 0.01 either") { #expect(abs(fit.slope - 1) <= 0.2) }
        #expect(fit.slope < 0.5)
    }
}
