import Foundation

/// Section 5.2 / Appendix B / Appendix I on real images: each sample's signal patch is a scaled image
/// (pixels / 255 times the "scaled SNR"), its noise patch a N(0, I) vector of the same size (784).
/// The paper used MNIST digits 0 and 1; MNIST is not obtainable here, so Fashion-MNIST classes stand in.
public struct RealImageSetting: Sendable, Hashable {
    public var signalScale: Double
    public var diffusionTime: Double
    /// Classes used (2 for Sec 5.2 / App B, 10 for App I).
    public var classes: [Int]
    public var perClass: Int
    public var width: Int
    public var sigma0: Double
    public var eta: Double
    public var steps: Int
    public var diffusionSteps: Int
    public var testPerClass: Int
    public var seed: UInt64

    /// The paper's two-class setting: 50 images per class (n = 100), m = 100, sigma0 = 0.01.
    public static func paper(signalScale: Double, t: Double, classes: [Int] = [0, 1]) -> RealImageSetting {
        RealImageSetting(signalScale: signalScale, diffusionTime: t, classes: classes, perClass: classes.count == 2 ? 50 : 10,
                         width: 100, sigma0: 0.01, eta: 0.1, steps: 500, diffusionSteps: 3000, testPerClass: 500, seed: 0)
    }

    /// A reduced setting for the default test tier: 20 images per class, m = 20.
    public static func reduced(signalScale: Double, t: Double, classes: [Int] = [0, 1]) -> RealImageSetting {
        RealImageSetting(signalScale: signalScale, diffusionTime: t, classes: classes, perClass: classes.count == 2 ? 20 : 4,
                         width: 20, sigma0: 0.01, eta: 0.1, steps: 500, diffusionSteps: 6000, testPerClass: 200, seed: 0)
    }
}

/// Signal and noise learning as measured in Sec 5.2: (1/n) sum_i max_r |<w_r, mu_i>| and
/// (1/n) sum_i max_r |<w_r, xi_i>|.
public struct FeatureLearningLevels: Sendable {
    public var signal: Double
    public var noise: Double
    public var ratio: Double { signal / noise }

    public init(weights w: Matrix, data: TwoPatchDataset) {
        let a = innerProducts(w, data.signalPatches), b = innerProducts(w, data.noisePatches)
        var s = 0.0, x = 0.0
        for i in 0..<data.sampleCount {
            var ms = 0.0, mx = 0.0
            for r in 0..<w.rows { ms = max(ms, abs(a[r, i])); mx = max(mx, abs(b[r, i])) }
            s += ms; x += mx
        }
        signal = s / Double(data.sampleCount)
        noise = x / Double(data.sampleCount)
    }
}

public struct RealImageResult: Sendable {
    public var classification: FeatureLearningLevels
    public var classificationTrainAccuracy: Double
    public var classificationTestAccuracy: Double
    public var classificationLoss: Double
    public var diffusion: FeatureLearningLevels
    public var diffusionStatus: DiffusionStatus
    public var diffusionRelativeGradient: Double
}

/// Appendix I: the multi-class classifier and the diffusion model on ten classes.
public struct MulticlassResult: Sendable {
    public var classification: FeatureLearningLevels
    public var classificationTrainAccuracy: Double
    public var classificationLossDecrease: Double
    public var diffusion: FeatureLearningLevels
    public var diffusionStatus: DiffusionStatus
}

struct ClassificationOutcome: Sendable {
    var levels: FeatureLearningLevels
    var trainAccuracy: Double
    var testAccuracy: Double
    var loss: Double
}

/// A per-process memo: each key is computed once, concurrent requests wait for the first.
final class Memo<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLockLike()
    private var values: [Key: Value] = [:]
    func value(_ key: Key, _ compute: () throws -> Value) throws -> Value {
        try lock.withLock {
            if let existing = values[key] { return existing }
            let created = try compute()
            values[key] = created
            return created
        }
    }
}

let classificationCache = Memo<RealImageSetting, ClassificationOutcome>()

public enum RealImageExperiment {
    /// Trains the multi-class classifier and the diffusion model on `setting.classes` (App I).
    public static func runMulticlass(_ setting: RealImageSetting) throws -> MulticlassResult {
        let (train, classIndex) = try dataset(setting, training: true)
        let seeds = SeedSequence(seed: setting.seed)
        var g = seeds.generator(.initialization)
        let w0 = try Initialization.gaussian(neurons: setting.width, dimension: train.dimension, sigma0: setting.sigma0, generator: &g)
        var h = seeds.generator(.initialization, index: 2)
        let model = MulticlassClassifier(width: setting.width, classes: setting.classes.count, generator: &h)
        let c = try model.train(data: train, labels: classIndex, initialWeights: w0, eta: setting.eta, steps: setting.steps)
        let d = try diffusionRun(setting, train)
        return MulticlassResult(classification: FeatureLearningLevels(weights: c.weights, data: train), classificationTrainAccuracy: c.accuracy,
                                classificationLossDecrease: c.losses.first! - c.losses.last!,
                                diffusion: FeatureLearningLevels(weights: d.finalWeights, data: train), diffusionStatus: d.status)
    }

    /// Diffusion on the exact expected loss from its own initialization, eta = 0.05 halved on instability.
    static func diffusionRun(_ setting: RealImageSetting, _ train: TwoPatchDataset) throws -> DiffusionTrajectory {
        var h = SeedSequence(seed: setting.seed).generator(.initialization, index: 1)
        let v0 = try Initialization.gaussian(neurons: setting.width, dimension: train.dimension, sigma0: setting.sigma0, generator: &h)
        var configuration = DiffusionRunConfiguration(data: DataConfiguration(dimension: train.dimension, sampleCount: train.sampleCount, signalNorm: 1),
                                                      width: setting.width, sigma0: setting.sigma0, eta: 0.05, steps: setting.diffusionSteps,
                                                      recordEvery: setting.diffusionSteps, diffusion: DiffusionTime(t: setting.diffusionTime), seed: setting.seed)
        var d = try DiffusionTrainer.train(data: train, initialWeights: v0, configuration: configuration)
        while d.status == .diverged || d.status == .oscillating, configuration.eta > 1e-4 {
            configuration.eta /= 2
            d = try DiffusionTrainer.train(data: train, initialWeights: v0, configuration: configuration)
        }
        return d
    }

    /// The labelled data: `perClass` images of each class from the split (in file order), the noise
    /// patches from the seed's substream for `purpose`. Labels are the class positions (0-based) for
    /// multi-class runs; with two classes the first is +1 and the second -1.
    public static func dataset(_ setting: RealImageSetting, training: Bool) throws -> (data: TwoPatchDataset, classIndex: [Int]) {
        let (images, labels) = try FashionMNIST.load(training: training)
        let count = training ? setting.perClass : setting.testPerClass
        var signal: [[Double]] = [], classIndex: [Int] = []
        for (position, c) in setting.classes.enumerated() {
            var taken = 0
            for k in 0..<labels.bytes.count where Int(labels.bytes[k]) == c {
                signal.append(images.item(k).map { $0 * setting.signalScale })
                classIndex.append(position)
                taken += 1
                if taken == count { break }
            }
        }
        let d = signal[0].count, n = signal.count
        var g = SeedSequence(seed: setting.seed).generator(training ? .trainingData : .testData, index: 1)
        var noise = Matrix(rows: n, columns: d)
        noise.storage.withUnsafeMutableBufferPointer { g.fillNormal($0.baseAddress!, count: $0.count, scale: 1) }
        let binary = classIndex.map { $0 == 0 ? 1 : -1 }
        return (try TwoPatchDataset(signalPatches: Matrix(rowVectors: signal), noisePatches: noise, labels: binary), classIndex)
    }

    /// Trains both models on the two-class data and measures feature learning, accuracy and status.
    public static func runTwoClass(_ setting: RealImageSetting) throws -> RealImageResult {
        let (train, _) = try dataset(setting, training: true)
        let (test, _) = try dataset(setting, training: false)
        // Classification does not depend on the diffusion time: train it once per setting without t.
        var key = setting
        key.diffusionTime = 0
        let c = try classificationCache.value(key) { () throws -> ClassificationOutcome in
            var g = SeedSequence(seed: setting.seed).generator(.initialization)
            let w0 = try Initialization.gaussian(neurons: 2 * setting.width, dimension: train.dimension, sigma0: setting.sigma0, generator: &g)
            let run = try ClassificationTrainer.train(data: train, initialWeights: w0, eta: setting.eta, steps: setting.steps, recordEvery: setting.steps)
            let f = QuadraticClassifier.outputs(weights: run.finalWeights, signalPatches: test.signalPatches, noisePatches: test.noisePatches)
            return ClassificationOutcome(levels: FeatureLearningLevels(weights: run.finalWeights, data: train),
                                         trainAccuracy: run.summaries.last!.trainAccuracy,
                                         testAccuracy: Double(zip(f, test.labels).filter { Double($1) * $0 > 0 }.count) / Double(test.sampleCount),
                                         loss: run.summaries.last!.loss)
        }
        let d = try diffusionRun(setting, train)
        return RealImageResult(classification: c.levels, classificationTrainAccuracy: c.trainAccuracy,
                               classificationTestAccuracy: c.testAccuracy, classificationLoss: c.loss,
                               diffusion: FeatureLearningLevels(weights: d.finalWeights, data: train), diffusionStatus: d.status,
                               diffusionRelativeGradient: d.relativeGradientNorm)
    }
}
