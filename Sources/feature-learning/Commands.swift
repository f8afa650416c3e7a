import FeatureLearning
import Foundation

extension CommandLineTool {
    static func runOther(_ command: String, _ rest: [String]) -> Int32 {
        switch command {
        case "reproduce":
            print(ConditionReport.text())
            return 0
        default:
            FileHandle.standardError.write(Data("unknown command \(command)\n\(usage)\n".utf8))
            return 2
        }
    }
}
