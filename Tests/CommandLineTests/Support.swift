import Foundation
import Testing
@testable import FeatureLearning

func report(_ claim: String, _ message: String) { print("[\(claim)] \(message)") }

let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let crosscheckFixtures = packageRoot.appendingPathComponent("Fixtures/crosscheck")

/// Runs a command through the library runner with `input` as the file contents.
func runCommand(_ arguments: [String], input: String) -> CommandRunner.Result {
    CommandRunner.run(arguments) { _ in Data(input.utf8) }
}

func fixture(_ name: String) throws -> String {
    try String(contentsOf: crosscheckFixtures.appendingPathComponent(name), encoding: .utf8)
}

/// Parses command output with Foundation's JSONSerialization (independent of our parser).
func parseOutput(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

func numbers(_ value: Any?) -> [[Double]] {
    (value as? [[NSNumber]])?.map { $0.map(\.doubleValue) } ?? []
}

/// |a - b| <= 4 ulps of max(|a|, |b|): the runner and the hand formula sum in different orders.
func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 4 * max(abs(a), abs(b)).ulp + 1e-300 }
