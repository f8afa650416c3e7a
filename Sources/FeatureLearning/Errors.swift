/// Every way the library refuses input or stops a computation. Each message names the parameter and
/// the constraint it broke, so a reviewer never has to guess why a configuration was rejected.
public enum FeatureLearningError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A parameter is outside its allowed range: `parameter` must satisfy `constraint`; it was `value`.
    case invalidParameter(parameter: String, constraint: String, value: String)
    /// Arrays whose shapes do not fit together: `field` must have shape `expected`; it has `actual`.
    case shapeMismatch(field: String, expected: String, actual: String)
    /// The signal vectors are not orthogonal or not of equal norm (Definition 2.1).
    case invalidSignals(reason: String)
    /// Training produced a non-finite value at `step` in `quantity`.
    case divergence(step: Int, quantity: String)
    /// Malformed input (JSON, files): the reason says where.
    case malformedInput(reason: String)

    public var description: String {
        switch self {
        case let .invalidParameter(parameter, constraint, value):
            return "invalid parameter \(parameter): must satisfy \(constraint), got \(value)"
        case let .shapeMismatch(field, expected, actual):
            return "shape mismatch in \(field): expected \(expected), got \(actual)"
        case let .invalidSignals(reason):
            return "invalid signal vectors (Definition 2.1): \(reason)"
        case let .divergence(step, quantity):
            return "training diverged at step \(step): \(quantity) is not finite"
        case let .malformedInput(reason):
            return "malformed input: \(reason)"
        }
    }
}

/// Throws `invalidParameter` unless `condition` holds.
@inlinable
func require(_ condition: Bool, _ parameter: String, _ constraint: String, _ value: @autoclosure () -> Any) throws {
    if !condition {
        throw FeatureLearningError.invalidParameter(parameter: parameter, constraint: constraint, value: "\(value())")
    }
}
