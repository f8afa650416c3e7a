import Foundation
import Testing
@testable import FeatureLearning

/// `evaluate` and `train` end to end on inputs whose outputs were derived independently
/// (Fixtures/crosscheck/make_expected.py: by hand for d = 2, m = 1, n = 1).
@Suite("Command line: evaluate and train")
struct CrossCheckCommandTests {
    static func expected() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(try fixture("expected.json").utf8)) as? [String: Any])
    }

    @Test("LOSS-CLS — evaluate classification matches the hand-derived loss and gradient")
    func evaluateClassification() throws {
        let result = runCommand(["evaluate", "input.json"], input: try fixture("classification.json"))
        #expect(result.exitCode == 0, "\(result.standardError)")
        let output = try parseOutput(result.standardOutput)
        let expected = try #require(try Self.expected()["classification"] as? [String: Any])
        #expect(close((output["loss"] as! NSNumber).doubleValue, (expected["loss"] as! NSNumber).doubleValue))
        for key in ["gradientPositive", "gradientNegative"] {
            let a = numbers(output[key]), b = numbers(expected[key])
            #expect(a.count == 1 && zip(a[0], b[0]).allSatisfy { close($0, $1) })
        }
    }

    @Test("LOSS-DDPM — evaluate diffusion matches the hand-derived exact loss (with its constant d) and gradient")
    func evaluateDiffusion() throws {
        let result = runCommand(["evaluate", "-"], input: try fixture("diffusion.json"))
        #expect(result.exitCode == 0, "\(result.standardError)")
        let output = try parseOutput(result.standardOutput)
        let expected = try #require(try Self.expected()["diffusion"] as? [String: Any])
        let loss = (output["loss"] as! NSNumber).doubleValue
        report("LOSS-DDPM", "evaluate: loss \(loss), hand \((expected["loss"] as! NSNumber).doubleValue)")
        #expect(abs(loss - (expected["loss"] as! NSNumber).doubleValue) <= 1e-14 * loss)
        let a = numbers(output["gradient"]), b = numbers(expected["gradient"])
        #expect(a.count == 1 && zip(a[0], b[0]).allSatisfy { abs($0 - $1) <= 1e-14 * max(1, abs($1)) })
    }

    /// The Monte Carlo option: monteCarloLoss within 5.33 of its own standard errors of the exact loss
    /// (false-fail 1e-7), and reproducible from the seed.
    @Test("LOSS-DDPM — evaluate's Monte Carlo loss agrees with the exact loss within its confidence band")
    func evaluateMonteCarlo() throws {
        var input = try fixture("diffusion.json")
        input = input.replacingOccurrences(of: "\"labels\": [1]}", with: "\"labels\": [1], \"monteCarloSamples\": 20000, \"seed\": 7}")
        let first = runCommand(["evaluate", "-"], input: input), second = runCommand(["evaluate", "-"], input: input)
        #expect(first.exitCode == 0, "\(first.standardError)")
        #expect(first.standardOutput == second.standardOutput)
        let output = try parseOutput(first.standardOutput)
        let exact = (output["loss"] as! NSNumber).doubleValue
        let mc = (output["monteCarloLoss"] as! NSNumber).doubleValue, se = (output["monteCarloStandardError"] as! NSNumber).doubleValue
        report("LOSS-DDPM", "evaluate Monte Carlo: \(mc) ± \(se) vs exact \(exact)")
        #expect(se > 0 && abs(mc - exact) <= SpecialFunctions.normalQuantile(1 - 5e-8) * se)
    }

    @Test("train with 0 steps returns the input weights and one record with the evaluate loss; 1 step is w - eta grad")
    func trainStepsMatchGradientDescent() throws {
        let expected = try Self.expected()
        // Classification.
        var input = try fixture("classification.json").replacingOccurrences(of: "\"labels\": [1]}", with: "\"labels\": [1], \"eta\": 0.5, \"steps\": 1, \"recordEvery\": 1}")
        var result = runCommand(["train", "-"], input: input)
        #expect(result.exitCode == 0, "\(result.standardError)")
        var output = try parseOutput(result.standardOutput)
        let finalC = try #require(output["finalWeights"] as? [String: Any])
        let gp = numbers((expected["classification"] as! [String: Any])["gradientPositive"])[0]
        let gm = numbers((expected["classification"] as! [String: Any])["gradientNegative"])[0]
        #expect(zip(numbers(finalC["weightsPositive"])[0], zip([1.0, 0], gp).map { $0 - 0.5 * $1 }).allSatisfy { close($0, $1) })
        #expect(zip(numbers(finalC["weightsNegative"])[0], zip([0.0, 1], gm).map { $0 - 0.5 * $1 }).allSatisfy { close($0, $1) })
        let records = try #require(output["records"] as? [[String: Any]])
        #expect(records.count == 2 && (records[0]["step"] as! NSNumber).intValue == 0)
        #expect(close((records[0]["loss"] as! NSNumber).doubleValue, ((expected["classification"] as! [String: Any])["loss"] as! NSNumber).doubleValue))
        // max/mean statistics at step 0: |<w, x1>| over both neurons = 1 and 2; |<w, x2>| = 3 and 0.
        #expect((records[0]["maxSignal"] as! NSNumber).doubleValue == 2 && (records[0]["meanSignal"] as! NSNumber).doubleValue == 1.5)
        #expect((records[0]["maxNoise"] as! NSNumber).doubleValue == 3 && (records[0]["meanNoise"] as! NSNumber).doubleValue == 1.5)
        // Diffusion.
        input = try fixture("diffusion.json").replacingOccurrences(of: "\"labels\": [1]}", with: "\"labels\": [1], \"eta\": 0.01, \"steps\": 1}")
        result = runCommand(["train", "-"], input: input)
        #expect(result.exitCode == 0, "\(result.standardError)")
        output = try parseOutput(result.standardOutput)
        let finalD = try #require(output["finalWeights"] as? [String: Any])
        let g = numbers((expected["diffusion"] as! [String: Any])["gradient"])[0]
        #expect(zip(numbers(finalD["weights"])[0], zip([0.5, -0.25], g).map { $0 - 0.01 * $1 }).allSatisfy { abs($0 - $1) <= 1e-15 })
        let zero = runCommand(["train", "-"], input: input.replacingOccurrences(of: "\"steps\": 1", with: "\"steps\": 0"))
        #expect(numbers(try parseOutput(zero.standardOutput)["finalWeights"].flatMap { ($0 as? [String: Any])?["weights"] })[0] == [0.5, -0.25])
    }

    /// Every number is printed in its shortest round-trip form: reading each token back with the
    /// standard library's correctly rounded `Double(String)` gives the same double. (Foundation's
    /// JSONSerialization on Linux is not usable for this check: it reads 0.30000000000000004 as
    /// 0.3000000000000001; Python's json module round-trips exactly.)
    @Test("Numbers are written with full Double precision (round-trip exact)")
    func roundTripPrecision() throws {
        var g = Xoshiro256StarStar(seed: 4)
        let awkward = [0.1, 1.0 / 3, 2.0.squareRoot(), 1e-300, -123456.789e10, Double.leastNonzeroMagnitude, 0.30000000000000004, 1.7976931348623157e308]
            + (0..<1000).map { _ in Double(bitPattern: g.next() & 0x7FEF_FFFF_FFFF_FFFF) }
        let text = JSONWriter.numbers(awkward)
        let back = text.dropFirst().dropLast().split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces))! }
        #expect(back.map(\.bitPattern) == awkward.map(\.bitPattern))
        guard case let .numbers(ours) = try JSONParser.parse(Data(text.utf8)) else { Issue.record("not parsed as numbers"); return }
        #expect(ours.map(\.bitPattern) == awkward.map(\.bitPattern))
    }

    @Test("Bad input gets a clear message and exit code 1, never a crash or partial output", arguments: [
        ("{\"model\": \"diffusion\",", "malformed JSON"),
        ("[1, 2]", "must be a JSON object"),
        ("{\"model\": \"vae\"}", "unknown model"),
        ("{\"model\": \"classification\", \"signalPatches\": [[1, 2]], \"noisePatches\": [[3, 0]], \"labels\": [1]}", "missing field weightsPositive"),
        ("{\"model\": \"classification\", \"weightsPositive\": [[1, 0]], \"weightsNegative\": [[0, 1]], \"signalPatches\": [[1, 2], [1]], \"noisePatches\": [[3, 0], [1, 1]], \"labels\": [1, -1]}", "signalPatches[1]"),
        ("{\"model\": \"classification\", \"weightsPositive\": [[1, 0]], \"weightsNegative\": [[0, 1]], \"signalPatches\": [[1, 2]], \"noisePatches\": [[3, 0], [1, 1]], \"labels\": [1]}", "noisePatches"),
        ("{\"model\": \"classification\", \"weightsPositive\": [[1, 0, 0]], \"weightsNegative\": [[0, 1]], \"signalPatches\": [[1, 2]], \"noisePatches\": [[3, 0]], \"labels\": [1]}", "weightsPositive[0]"),
        ("{\"model\": \"classification\", \"weightsPositive\": [[1, 0]], \"weightsNegative\": [[0, 1]], \"signalPatches\": [[1, 2]], \"noisePatches\": [[3, 0]], \"labels\": [0]}", "labels"),
        ("{\"model\": \"diffusion\", \"alpha\": 0.8, \"beta\": 0.6, \"weights\": [[1e999, 0]], \"signalPatches\": [[1, 2]], \"noisePatches\": [[3, 0]], \"labels\": [1]}", "finite"),
        ("{\"model\": \"diffusion\", \"beta\": 0.6, \"weights\": [[1, 0]], \"signalPatches\": [[1, 2]], \"noisePatches\": [[3, 0]], \"labels\": [1]}", "missing field alpha"),
    ])
    func badInputIsRejected(input: String, message: String) {
        let result = runCommand(["evaluate", "-"], input: input)
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test("train rejects steps < 0 and eta <= 0 by name", arguments: [("\"eta\": 0.1, \"steps\": -1", "steps"), ("\"eta\": 0, \"steps\": 3", "eta"), ("\"eta\": -2, \"steps\": 3", "eta"), ("\"steps\": 3", "missing field eta")])
    func trainValidation(extra: String, message: String) throws {
        let input = try fixture("classification.json").replacingOccurrences(of: "\"labels\": [1]}", with: "\"labels\": [1], \(extra)}")
        let result = runCommand(["train", "-"], input: input)
        #expect(result.exitCode == 1 && result.standardOutput.isEmpty)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test("train reports divergence with the step, not a NaN")
    func trainDivergence() throws {
        let input = try fixture("classification.json").replacingOccurrences(of: "\"labels\": [1]}", with: "\"labels\": [-1], \"eta\": 1e30, \"steps\": 50}")
        let result = runCommand(["train", "-"], input: input)
        #expect(result.exitCode == 1 && result.standardOutput.isEmpty)
        #expect(result.standardError.contains("diverged at step"), "\(result.standardError)")
    }

    /// Parsing is linear: 2 million numbers (d = 2000, n = 500, both patches) parse in well under 10 s,
    /// and 4x the input takes well under 16x the time.
    @Test("Large inputs parse in linear time")
    func largeInputParsing() throws {
        func build(rows: Int, columns: Int) -> Data {
            var g = Xoshiro256StarStar(seed: 1)
            var text = "{\"rows\": ["
            for r in 0..<rows {
                if r > 0 { text += "," }
                text += JSONWriter.numbers((0..<columns).map { _ in g.nextStandardNormal() })
            }
            return Data((text + "]}").utf8)
        }
        let small = build(rows: 250, columns: 2000), large = build(rows: 1000, columns: 2000)
        let tSmall = Benchmarks.median(1) { _ = try? JSONParser.parse(small) }
        let tLarge = Benchmarks.median(1) { _ = try? JSONParser.parse(large) }
        report("evaluate", "parse 0.5M numbers \(tSmall) s, 2M numbers \(tLarge) s (\(large.count / 1_000_000) MB)")
        #expect(tLarge < 10)
        #expect(tLarge < 16 * max(tSmall, 0.01))
    }

    /// The built executable itself, through a pipe (swift test builds it with the package).
    @Test("The feature-learning executable runs evaluate from standard input")
    func executableEndToEnd() throws {
        let binary = packageRoot.appendingPathComponent(".build/debug/feature-learning")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            Issue.record("executable not found at \(binary.path)")
            return
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["evaluate", "-"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(try fixture("classification.json").utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let parsed = try parseOutput(String(decoding: data, as: UTF8.self))
        #expect(close((parsed["loss"] as! NSNumber).doubleValue, 0.0024756851377304495))
    }

    @Test("reproduce --quick writes the report files")
    func reproduceQuick() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fl-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = CommandRunner.run(["reproduce", "--quick", "--out", directory.path])
        #expect(result.exitCode == 0, "\(result.standardError)")
        for file in ["report.md", "index.html", "summary.json", "fig1-ratio.svg", "fig2-classification-low.svg", "conditions.md"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path), "\(file)")
        }
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("summary.json"))) as? [String: Any])
        #expect((summary["sec51.low.classification.trainAccuracy"] as? NSNumber)?.doubleValue == 1)
    }
}
