import Foundation

/// The logistic loss l(z) = log(1 + e^-z) and its derivative l'(z) = -1 / (1 + e^z) (Section 2),
/// computed stably for any margin.
public enum Logistic {
    /// softplus(z) = log(1 + e^z): z + log1p(e^-z) for z > 0, log1p(e^z) otherwise. Exact to a few
    /// ulps for all finite z (no overflow at z = 1e4, no cancellation at z = -1e4).
    @inlinable
    public static func softplus(_ z: Double) -> Double {
        z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
    }

    /// l(z) = log(1 + e^-z) = softplus(-z).
    @inlinable
    public static func loss(_ z: Double) -> Double { softplus(-z) }

    /// l'(z) = -1 / (1 + e^z), evaluated as -e^-z / (1 + e^-z) for z > 0 so that it underflows
    /// gracefully to -0 instead of dividing by infinity; in (-1, 0) for all finite z.
    @inlinable
    public static func derivative(_ z: Double) -> Double {
        if z > 0 {
            let e = exp(-z)
            return -e / (1 + e)
        }
        return -1 / (1 + exp(z))
    }
}
