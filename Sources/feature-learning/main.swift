import FeatureLearning
#if canImport(Glibc)
import Glibc
#endif

/// The command line: argument parsing and calls into the library, nothing else.
let arguments = Array(CommandLine.arguments.dropFirst())
exit(CommandLineTool.run(arguments))
