import Foundation

/// The command-line interface as a library function, so that tests run the commands end to end
/// without spawning a process. The executable only forwards its arguments and standard streams.
public enum CommandRunner {
    public struct Result: Sendable {
        public var exitCode: Int32
        public var standardOutput: String
        public var standardError: String
    }

    public static let usage = """
    usage: feature-learning [reproduce] [--out DIR] [--quick]   reproduce the paper's experiments into DIR (default ./report)
           feature-learning conditions                         Condition 3.1 / D.1 / E.1 report for the paper's settings
           feature-learning evaluate FILE|-                    loss and gradient for JSON weights and data
           feature-learning train FILE|-                       gradient descent from JSON weights on JSON data
           feature-learning benchmark                          timings of the paper-size training steps
    """

    /// Runs one command. `readInput` reads FILE, or standard input for "-".
    public static func run(_ arguments: [String], readInput: (String) throws -> Data = CommandRunner.readFileOrStandardInput) -> Result {
        let command = arguments.first ?? "reproduce"
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "evaluate", "train":
                guard rest.count == 1 else { return Result(exitCode: 2, standardOutput: "", standardError: "\(command) needs exactly one argument, FILE or -\n\(usage)\n") }
                let data = try readInput(rest[0])
                let request = try CrossCheckRequest(json: try JSONParser.parse(data), training: command == "train")
                let output = command == "evaluate" ? try CrossCheck.evaluate(request) : try CrossCheck.train(request)
                return Result(exitCode: 0, standardOutput: output + "\n", standardError: "")
            case "conditions":
                return Result(exitCode: 0, standardOutput: ConditionReport.text() + "\n", standardError: "")
            case "benchmark":
                return Result(exitCode: 0, standardOutput: try Benchmarks.run().joined(separator: "\n") + "\n", standardError: "")
            case "reproduce", "--out", "--quick":
                let options = command == "reproduce" ? rest : arguments
                var directory = "report", quick = false
                var index = 0
                while index < options.count {
                    switch options[index] {
                    case "--out":
                        guard index + 1 < options.count else { return Result(exitCode: 2, standardOutput: "", standardError: "--out needs a directory\n") }
                        directory = options[index + 1]
                        index += 2
                    case "--quick":
                        quick = true
                        index += 1
                    default:
                        return Result(exitCode: 2, standardOutput: "", standardError: "unknown option \(options[index])\n\(usage)\n")
                    }
                }
                let summary = try Reproduction.run(into: URL(fileURLWithPath: directory), quick: quick)
                return Result(exitCode: 0, standardOutput: summary + "\n", standardError: "")
            case "-h", "--help", "help":
                return Result(exitCode: 0, standardOutput: usage + "\n", standardError: "")
            default:
                return Result(exitCode: 2, standardOutput: "", standardError: "unknown command \(command)\n\(usage)\n")
            }
        } catch let error as FeatureLearningError {
            return Result(exitCode: 1, standardOutput: "", standardError: "error: \(error)\n")
        } catch {
            return Result(exitCode: 1, standardOutput: "", standardError: "error: \(error.localizedDescription)\n")
        }
    }

    /// Reads a file, or all of standard input for "-". Errors name the path.
    public static func readFileOrStandardInput(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FeatureLearningError.malformedInput(reason: "cannot read file \(path)")
        }
        return data
    }
}
