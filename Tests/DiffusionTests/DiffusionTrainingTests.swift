import Foundation
import Testing
@testable import FeatureLearning

/// The diffusion trainer: the Gram-space method against literal gradient descent, the Monte Carlo
/// option, the step-size rule, stationarity and failure reporting.
@Suite("Diffusion trainer")
struct DiffusionTrainingTests {
    static func configuration(method: DiffusionMethod, eta: Double = 0.05, steps: Int = 200) -> DiffusionRunConfiguration {
        DiffusionRunConfiguration(data: DataConfiguration(dimension: 200, sampleCount: 8, nSNR2: 1, noiseModel: .projected),
                                  width: 6, sigma0: 0.01, eta: eta, steps: steps, recordEvery: 10, diffusion: DiffusionTime(t: 0.2), seed: 3,
                                  method: method, stationarity: StationarityRule(absoluteTolerance: 0, relativeTolerance: 0))
    }

    /// Same iterates to rounding: the two methods differ only in summation order; over 200 steps the
    /// relative difference of the final weights stays below 1e-9.
    @Test("Gram-space diffusion steps equal literal gradient-descent steps")
    func gramMatchesLiteral() throws {
        let literal = try DiffusionTrainer.run(Self.configuration(method: .exactLiteral))
        let gram = try DiffusionTrainer.run(Self.configuration(method: .exactGram))
        var diff = literal.finalWeights
        for t in 0..<diff.storage.count { diff.storage[t] -= gram.finalWeights.storage[t] }
        let relative = (diff.squaredFrobeniusNorm / literal.finalWeights.squaredFrobeniusNorm).squareRoot()
        report("LOSS-DDPM", "Gram vs literal final weights after 200 steps: relative difference \(relative)")
        #expect(relative <= 1e-9)
        #expect(abs(literal.summaries.last!.loss - gram.summaries.last!.loss) <= 1e-12 * literal.summaries.last!.loss)
    }

    /// Training on the Monte Carlo loss (the paper's procedure) follows the exact-loss trajectory: with
    /// 200 draws per sample and step the weights after 30 steps agree to a few percent.
    @Test("Monte Carlo training tracks exact-expectation training")
    func monteCarloTrainingTracksExact() throws {
        let exact = try DiffusionTrainer.run(Self.configuration(method: .exactGram, steps: 30))
        let mc = try DiffusionTrainer.run(Self.configuration(method: .monteCarlo(noiseSamples: 200), steps: 30))
        var diff = exact.finalWeights, change = exact.finalWeights
        for t in 0..<diff.storage.count {
            diff.storage[t] -= mc.finalWeights.storage[t]
            change.storage[t] -= exact.initialWeights.storage[t]
        }
        let relative = (diff.squaredFrobeniusNorm / change.squaredFrobeniusNorm).squareRoot()
        report("LOSS-DDPM", "Monte Carlo (200 draws) vs exact training: relative difference of the weight change \(relative)")
        #expect(relative < 0.25)
        let again = try DiffusionTrainer.run(Self.configuration(method: .monteCarlo(noiseSamples: 200), steps: 30))
        #expect(again.finalWeights == mc.finalWeights) // same seed, bit-identical
    }

    @Test("A too-large step is reported as diverged; the step-size rule halves eta until the run converges")
    func stepSizeRule() throws {
        var c = diffusionConfiguration(nSNR2: 6.75, noise: .isotropic, steps: 20_000)
        c.eta = 0.2
        let first = try DiffusionTrainer.run(c)
        #expect(first.status == .diverged)
        let selected = try DiffusionTrainer.runSelectingStepSize(c)
        report("LOSS-DDPM", "eta 0.2 -> \(first.status) at step \(first.summaries.count - 1); selected eta \(selected.configuration.eta): \(selected.status) after \(selected.summaries.count - 1) steps, ||grad|| \(selected.last.gradientNorm)")
        #expect(selected.status == .stationary)
        #expect(selected.configuration.eta < c.eta)
    }

    @Test("The stationarity rule stops the run and reports how close it got")
    func stationarityRule() throws {
        let t = try TrajectoryCache.shared.diffusion(diffusionConfiguration(nSNR2: 0.75))
        #expect(t.status == .stationary)
        #expect(t.last.gradientNorm <= t.configuration.stationarity.absoluteTolerance)
        #expect(t.relativeGradientNorm <= t.configuration.stationarity.relativeTolerance)
        let capped = try DiffusionTrainer.run({ var c = diffusionConfiguration(nSNR2: 0.75); c.steps = 100; return c }())
        #expect(capped.status == .stepLimit && capped.relativeGradientNorm > 1e-3)
    }

    @Test("Bad diffusion input gets typed errors")
    func badInput() throws {
        let data = smallData(d: 5, n: 2, mu: 1, seed: 1)
        let c = Self.configuration(method: .exactGram)
        #expect(throws: FeatureLearningError.self) { try DiffusionTrainer.train(data: data, initialWeights: randomWeights(m: 2, d: 4, scale: 1, seed: 1), configuration: c) }
        var nanWeights = randomWeights(m: 2, d: 5, scale: 1, seed: 1)
        nanWeights[0, 0] = .nan
        #expect(throws: FeatureLearningError.self) { try DiffusionTrainer.train(data: data, initialWeights: nanWeights, configuration: c) }
        var bad = c
        bad.eta = 0
        #expect(throws: FeatureLearningError.self) { try DiffusionTrainer.run(bad) }
        bad = c
        bad.method = .monteCarlo(noiseSamples: 1)
        #expect(throws: FeatureLearningError.self) { try DiffusionTrainer.run(bad) }
    }
}
