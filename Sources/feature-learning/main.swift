import FeatureLearning
import Foundation

/// The command line: forwards the arguments to the library's `CommandRunner` and prints its streams.
let result = CommandRunner.run(Array(CommandLine.arguments.dropFirst()))
FileHandle.standardOutput.write(Data(result.standardOutput.utf8))
FileHandle.standardError.write(Data(result.standardError.utf8))
exit(result.exitCode)
