/// Timings a reviewer can reproduce with `feature-learning benchmark`: the paper-size classification
/// run and the paper-size exact diffusion step, each by both methods.
public enum Benchmarks {
    /// Median wall-clock seconds of `repetitions` runs of `body`.
    public static func median(_ repetitions: Int, _ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = clock.now
            try body()
            let elapsed = clock.now - start
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        return times.sorted()[times.count / 2]
    }

    /// Lines of text with the measured timings.
    public static func run() throws -> [String] {
        var lines: [String] = []
        let preset = Presets.section51High
        for method in [ClassificationMethod.gram, .literal] {
            var config = ClassificationRunConfiguration(preset: preset, seed: 1, recordEvery: 10, testSampleCount: 0, method: method)
            config.recordWeights = false
            var training = 0.0
            let total = try median(3) { training = try ClassificationTrainer.run(config).trainingSeconds }
            lines.append("classification Sec 5.1 (d=1000, n=30, m=20, 500 steps, records every 10), \(method): training loop \(ms(training)), total with data and init \(ms(total))")
        }
        let data = try TwoPatchDataset.generate(preset.data, seeds: SeedSequence(seed: 2))
        var g = Xoshiro256StarStar(seed: 3)
        let w = try Initialization.gaussian(neurons: 20, dimension: 1000, sigma0: 0.001, generator: &g)
        for method in [DiffusionMethod.exactGram, .exactLiteral] {
            let config = DiffusionRunConfiguration(data: preset.data, width: 20, sigma0: 0.001, eta: 1e-3, steps: 200, recordEvery: 1000,
                                                   diffusion: preset.diffusion, seed: 4, method: method,
                                                   stationarity: StationarityRule(absoluteTolerance: 0, relativeTolerance: 0))
            var seconds = 0.0
            _ = try median(3) { seconds = try DiffusionTrainer.train(data: data, initialWeights: w, configuration: config).trainingSeconds }
            lines.append("diffusion exact step (d=1000, n=30, m=20), \(method): \(String(format: "%.3f", seconds / 200 * 1000)) ms per step (200 steps)")
        }
        return lines
    }

    static func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
}

import Foundation
