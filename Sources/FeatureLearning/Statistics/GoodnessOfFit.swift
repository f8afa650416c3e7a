import Foundation

/// The Kolmogorov–Smirnov test of a sample against a continuous CDF, and the DKW band.
public struct KolmogorovSmirnov: Sendable {
    /// D_n = sup_x |F_n(x) - F(x)|.
    public var statistic: Double
    public var sampleSize: Int
    /// The asymptotic p-value with Stephens' small-sample correction:
    /// P(K > (sqrt n + 0.12 + 0.11 / sqrt n) D_n).
    public var pValue: Double

    /// Computes D_n for `sample` against `cdf`. Cost O(N log N).
    public init(sample: [Double], cdf: (Double) -> Double) {
        let sorted = sample.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (index, x) in sorted.enumerated() {
            let f = cdf(x)
            d = max(d, Double(index + 1) / n - f, f - Double(index) / n)
        }
        statistic = d
        sampleSize = sorted.count
        let root = n.squareRoot()
        pValue = SpecialFunctions.kolmogorovTail((root + 0.12 + 0.11 / root) * d)
    }

    /// The Dvoretzky–Kiefer–Wolfowitz (Massart) band: P(D_n > epsilon) <= 2 exp(-2 n epsilon^2), so
    /// epsilon = sqrt(log(2 / alpha) / (2 n)) is exceeded with probability at most alpha, for any n.
    public static func dkwEpsilon(sampleSize n: Int, alpha: Double) -> Double {
        (log(2 / alpha) / (2 * Double(n))).squareRoot()
    }
}

/// Sample moments.
public enum Moments {
    public static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
    /// The unbiased sample variance.
    public static func variance(_ x: [Double]) -> Double {
        let m = mean(x)
        return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
    }
    public static func standardDeviation(_ x: [Double]) -> Double { variance(x).squareRoot() }
    /// The raw moment (1/N) sum x^k.
    public static func rawMoment(_ x: [Double], _ k: Int) -> Double {
        x.reduce(0) { $0 + pow($1, Double(k)) } / Double(x.count)
    }
    /// The median (mean of the middle two for even counts).
    public static func median(_ x: [Double]) -> Double {
        let s = x.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
    }
}
