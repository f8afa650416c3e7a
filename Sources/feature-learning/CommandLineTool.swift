import FeatureLearning
import Foundation

enum CommandLineTool {
    static let usage = """
    usage: feature-learning [reproduce] [--out DIR] [--quick]   reproduce the paper's experiments into DIR (default ./report)
           feature-learning conditions                         Condition 3.1 / D.1 / E.1 report for the paper's settings
           feature-learning evaluate FILE|-                    loss and gradient for JSON weights and data
           feature-learning train FILE|-                       gradient descent from JSON weights on JSON data
    """

    static func run(_ arguments: [String]) -> Int32 {
        let command = arguments.first ?? "reproduce"
        switch command {
        case "conditions":
            print(ConditionReport.text())
            return 0
        case "-h", "--help", "help":
            print(usage)
            return 0
        default:
            return runOther(command, Array(arguments.dropFirst()))
        }
    }
}
