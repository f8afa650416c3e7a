import Foundation
import Testing
@testable import FeatureLearning

/// Cross-version determinism: the Sec 5.1 high-SNR run with seed 0 must reproduce the recorded values
/// (Fixtures/golden). Labels are compared exactly; the normals go through glibc's log, sin and cos,
/// which may differ in the last ulp between libm versions, so they are compared to 4 ulps; the final
/// loss after 500 steps to 1e-9 relative (summation order is fixed, FMA contraction may differ by CPU).
@Suite("Golden regression values")
struct GoldenRegressionTests {
    @Test("The same seed reproduces the recorded data, initialization and final loss")
    func goldenSection51Run() throws {
        let url = fixturesDirectory.appendingPathComponent("golden/section51-high-seed0.json")
        let golden = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let t = try TrajectoryCache.shared.classification(ClassificationRunConfiguration(preset: Presets.section51High, seed: 0, recordEvery: 100, testSampleCount: 0))
        #expect(Array(t.data.labels.prefix(10)) == (golden["labels"] as? [Int]))
        func doubles(_ key: String) -> [Double] { ((golden[key] as? [NSNumber]) ?? []).map { Double(bitPattern: $0.uint64Value) } }
        let noise = (0..<3).map { t.data.noisePatches[0, $0] }, initial = (0..<3).map { t.initialWeights[0, $0] }
        #expect(zip(noise, doubles("noiseSample0")).allSatisfy { abs($0 - $1) <= 4 * $1.ulp.magnitude })
        #expect(zip(initial, doubles("initialWeightsRow0")).allSatisfy { abs($0 - $1) <= 4 * $1.ulp.magnitude })
        let finalLoss = try #require((golden["finalLoss"] as? NSNumber)?.doubleValue)
        #expect(abs(t.summaries.last!.loss - finalLoss) <= 1e-9 * finalLoss)
    }
}
