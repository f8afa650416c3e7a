import Foundation
import Testing
@testable import FeatureLearning

/// The paper-scale tier runs only with FEATURE_LEARNING_PAPER_SCALE=1 (see README).
let paperScale = ProcessInfo.processInfo.environment["FEATURE_LEARNING_PAPER_SCALE"] == "1"

/// Section 5.2, Appendix B and Appendix I on real images. Substitution: the paper used MNIST digits 0 and
/// 1, which cannot be obtained here; we use Fashion-MNIST (Debian's dataset-fashion-mnist) classes
/// 0 (T-shirt/top) and 1 (Trouser), and all ten classes for App I. Default tier: 20 images per class
/// (4 for ten classes), m = 20; paper tier: 50 per class (10), m = 100. sigma0 = 0.01 and 500
/// classification steps (eta = 0.1) in both; diffusion on the exact loss.
@Suite("Real images (Sec 5.2, App B, App I; Fashion-MNIST substitute)", .tags(.experiment))
struct RealImageTests {
    @Test("Fashion-MNIST IDX files load through zlib with the published counts and pixel mean")
    func fashionMNISTLoads() throws {
        try #require(FashionMNIST.isInstalled, "install Debian's dataset-fashion-mnist (.ci/run does)")
        let train = try FashionMNIST.load(training: true), test = try FashionMNIST.load(training: false)
        #expect(train.images.dimensions == [60000, 28, 28] && train.labels.dimensions == [60000])
        #expect(test.images.dimensions == [10000, 28, 28] && test.labels.dimensions == [10000])
        #expect(train.labels.bytes.allSatisfy { $0 < 10 })
        // Published training-set pixel mean 0.2860 (the normalization constant used with Fashion-MNIST).
        let mean = Double(train.images.bytes.reduce(0) { $0 + Int($1) }) / Double(train.images.bytes.count) / 255
        #expect(abs(mean - 0.2860) < 5e-4)
    }

    @Test("IDX parsing rejects bad magic and truncated data")
    func idxValidation() {
        #expect(throws: FeatureLearningError.self) { try IDXFile(contents: [0, 0, 9, 1, 0, 0, 0, 1, 7]) }
        #expect(throws: FeatureLearningError.self) { try IDXFile(contents: [0, 0, 8, 1, 0, 0, 0, 2, 7]) }
        let ok = try? IDXFile(contents: [0, 0, 8, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 255])
        #expect(ok?.dimensions == [1, 2] && ok?.item(0) == [0, 1])
    }

    static func setting(_ scale: Double, _ t: Double, classes: [Int] = [0, 1]) -> RealImageSetting {
        paperScale ? .paper(signalScale: scale, t: t, classes: classes) : .reduced(signalScale: scale, t: t, classes: classes)
    }

    /// Low scaled SNR (0.1), t = 0.2: classification learns mostly noise (signal/noise < 0.1) and tests at
    /// chance ([0.4, 0.6]); diffusion is more balanced: |log ratio| smaller than classification's.
    @Test("SEC-5.2 — low SNR: classification memorizes noise, diffusion learns both more evenly")
    func section52LowSNR() throws {
        try #require(FashionMNIST.isInstalled)
        let r = try RealImageExperiment.runTwoClass(Self.setting(0.1, 0.2))
        report("SEC-5.2", String(format: "scale 0.1, t 0.2: classification signal %.3f noise %.3f ratio %.4f train %.2f test %.3f; diffusion signal %.3f noise %.3f ratio %.3f (%@)", r.classification.signal, r.classification.noise, r.classification.ratio, r.classificationTrainAccuracy, r.classificationTestAccuracy, r.diffusion.signal, r.diffusion.noise, r.diffusion.ratio, r.diffusionStatus.rawValue))
        #expect(r.classification.ratio < 0.1 && r.classificationTrainAccuracy == 1)
        #expect(r.classificationTestAccuracy >= 0.4 && r.classificationTestAccuracy <= 0.6)
        #expect(abs(log(r.diffusion.ratio)) < abs(log(r.classification.ratio)))
    }

    /// Appendix B: at scaled SNR 0.5 the paper reports classification learning mostly signal with ~100% test
    /// accuracy, and diffusion balancing both (t = 0.2 and 0.8). With Fashion-MNIST at 0.5, classification
    /// still learns mostly noise (test ~60%); diffusion stays balanced.
    @Test("APP-B — high SNR (0.5) at t = 0.2 and 0.8: diffusion balanced; classification does not switch to signal on Fashion-MNIST", .tags(.erratum))
    func appendixBHighSNR() throws {
        try #require(FashionMNIST.isInstalled)
        var lines: [String] = []
        for t in [0.2, 0.8] {
            let r = try RealImageExperiment.runTwoClass(Self.setting(0.5, t))
            lines.append(String(format: "t %.1f: classification ratio %.3f test %.3f; diffusion ratio %.3f (%@)", t, r.classification.ratio, r.classificationTestAccuracy, r.diffusion.ratio, r.diffusionStatus.rawValue))
            // The paper's claim is comparative ("diffusion still learns both, unlike classification"):
            // diffusion's |log ratio| below classification's. (A fixed band [0.5, 2.5] would fail at paper
            // scale, t = 0.8, where diffusion's ratio is 3.1 — reported in PROPERTIES.md.)
            #expect(abs(log(r.diffusion.ratio)) < abs(log(r.classification.ratio)))
            withKnownIssue("on Fashion-MNIST at scale 0.5 classification still memorizes noise") {
                #expect(r.classification.ratio > 1 && r.classificationTestAccuracy > 0.9)
            }
        }
        let low = try RealImageExperiment.runTwoClass(Self.setting(0.1, 0.8))
        lines.append(String(format: "scale 0.1, t 0.8: classification ratio %.4f; diffusion ratio %.3f", low.classification.ratio, low.diffusion.ratio))
        #expect(abs(log(low.diffusion.ratio)) < abs(log(low.classification.ratio)))
        report("APP-B", lines.joined(separator: "; "))
    }

    /// Appendix I: ten classes at scaled SNR 0.1: the multi-class classifier (fixed +-1 second layer,
    /// cross-entropy) fits by memorizing noise (signal/noise < 0.1); diffusion is more balanced.
    @Test("APP-I — ten classes: classification memorizes noise, diffusion learns both more evenly")
    func appendixITenClasses() throws {
        try #require(FashionMNIST.isInstalled)
        let r = try RealImageExperiment.runMulticlass(Self.setting(0.1, 0.2, classes: Array(0..<10)))
        report("APP-I", String(format: "classification signal %.3f noise %.3f ratio %.4f train accuracy %.2f (loss decrease %.2f); diffusion ratio %.3f (%@)", r.classification.signal, r.classification.noise, r.classification.ratio, r.classificationTrainAccuracy, r.classificationLossDecrease, r.diffusion.ratio, r.diffusionStatus.rawValue))
        #expect(r.classificationTrainAccuracy == 1 && r.classification.ratio < 0.1)
        #expect(abs(log(r.diffusion.ratio)) < abs(log(r.classification.ratio)))
    }

    /// The multi-class gradient against central differences (rtol 1e-5, as for the binary classifier).
    @Test("APP-I — the multi-class cross-entropy gradient equals central differences")
    func multiclassGradient() throws {
        var g = Xoshiro256StarStar(seed: 3)
        let d = 6, n = 5, m = 3, classes = 4
        let data = try TwoPatchDataset(signalPatches: Matrix(rows: n, columns: d, storage: (0..<(n * d)).map { _ in g.nextStandardNormal() }),
                                       noisePatches: Matrix(rows: n, columns: d, storage: (0..<(n * d)).map { _ in g.nextStandardNormal() }),
                                       labels: Array(repeating: 1, count: n))
        let labels = [0, 1, 2, 3, 1]
        let model = MulticlassClassifier(width: m, classes: classes, generator: &g)
        let w = try Initialization.gaussian(neurons: m, dimension: d, sigma0: 0.5, generator: &g)
        let basis = PatchBasis(data)
        func loss(_ w: Matrix) -> Double { model.evaluate(products: innerProducts(w, basis.rows), basis: basis, labels: labels).loss }
        var gradient = Matrix(rows: m, columns: d)
        addProduct(model.evaluate(products: innerProducts(w, basis.rows), basis: basis, labels: labels).coefficients, basis.rows, into: &gradient)
        let worst = GradientCheck.worstScaledError(at: w, analytic: gradient, step: 1e-6, relativeTolerance: 1e-5, absoluteTolerance: 1e-9, loss: loss)
        #expect(worst <= 1)
    }
}
