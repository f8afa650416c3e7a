import FeatureLearning
import Foundation

extension CommandLineTool {
    static func runOther(_ command: String, _ rest: [String]) -> Int32 {
        switch command {
        case "reproduce":
            print(ConditionReport.text())
            return 0
        case "benchmark":
            do {
                for line in try Benchmarks.run() { print(line) }
                return 0
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                return 1
            }
        default:
            FileHandle.standardError.write(Data("unknown command \(command)\n\(usage)\n".utf8))
            return 2
        }
    }
}
