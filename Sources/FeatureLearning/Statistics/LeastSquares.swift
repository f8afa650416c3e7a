import Foundation

/// An ordinary least-squares line y = intercept + slope x with standard errors.
public struct LinearFit: Sendable, Codable, Hashable {
    public var intercept: Double
    public var slope: Double
    /// Standard error of the intercept, sigma_hat sqrt(1/N + xbar^2 / Sxx).
    public var interceptStandardError: Double
    /// Standard error of the slope, sigma_hat / sqrt(Sxx), sigma_hat^2 = RSS / (N - 2).
    public var slopeStandardError: Double
    /// Residual sum of squares.
    public var residualSumOfSquares: Double
    /// Coefficient of determination.
    public var rSquared: Double
    public var count: Int

    /// Fits y = a + b x by least squares; needs at least 3 points and two distinct x.
    public init(x: [Double], y: [Double]) {
        precondition(x.count == y.count && x.count >= 3, "a line with standard errors needs >= 3 points")
        let n = Double(x.count)
        let xBar = x.reduce(0, +) / n, yBar = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxx += (a - xBar) * (a - xBar)
            sxy += (a - xBar) * (b - yBar)
            syy += (b - yBar) * (b - yBar)
        }
        precondition(sxx > 0, "x values must not all be equal")
        slope = sxy / sxx
        intercept = yBar - slope * xBar
        var rss = 0.0
        for (a, b) in zip(x, y) {
            let r = b - intercept - slope * a
            rss += r * r
        }
        residualSumOfSquares = rss
        let sigma2 = rss / (n - 2)
        slopeStandardError = (sigma2 / sxx).squareRoot()
        interceptStandardError = (sigma2 * (1 / n + xBar * xBar / sxx)).squareRoot()
        rSquared = syy > 0 ? 1 - rss / syy : 1
        count = x.count
    }

    /// Fits log y = log C + exponent log x: the scaling exponent of y ~ C x^exponent, with its
    /// standard error (all values must be positive).
    public static func powerLaw(x: [Double], y: [Double]) -> LinearFit {
        precondition(x.allSatisfy { $0 > 0 } && y.allSatisfy { $0 > 0 }, "a power law fit needs positive values")
        return LinearFit(x: x.map { log($0) }, y: y.map { log($0) })
    }

    /// True when |slope - value| <= multiplier * slopeStandardError + absoluteTolerance.
    public func slopeIsConsistent(with value: Double, multiplier: Double = 3, absoluteTolerance: Double = 0) -> Bool {
        abs(slope - value) <= multiplier * slopeStandardError + absoluteTolerance
    }
}

/// The growth shape of a sequence y_k: linear (y = a + b k) or exponential (y = A e^(b k)).
public enum GrowthShape: String, Sendable, Codable { case linear, exponential, undecided }

/// Model selection between linear and exponential growth.
///
/// Criterion: both models are fitted (the exponential by least squares on log y) and judged by the
/// residual sum of squares on the original scale through the Gaussian AIC, N log(RSS / N) + 2 * 2.
/// The model with the lower AIC wins when the difference exceeds `decisiveGap` (10, "very strong"
/// on Burnham & Anderson's scale); otherwise the result is `undecided`.
public struct GrowthShapeSelection: Sendable, Codable, Hashable {
    public var linear: LinearFit
    public var exponential: LinearFit
    public var linearAIC: Double
    public var exponentialAIC: Double
    public var shape: GrowthShape

    /// Fits both shapes to positive values `y` at times `k`.
    public init(k: [Double], y: [Double], decisiveGap: Double = 10) {
        linear = LinearFit(x: k, y: y)
        exponential = LinearFit(x: k, y: y.map { log($0) })
        let n = Double(y.count)
        var rssExp = 0.0
        for (t, v) in zip(k, y) {
            let r = v - exp(exponential.intercept + exponential.slope * t)
            rssExp += r * r
        }
        let floor = 1e-300
        linearAIC = n * log(max(linear.residualSumOfSquares, floor) / n) + 4
        exponentialAIC = n * log(max(rssExp, floor) / n) + 4
        if linearAIC + decisiveGap < exponentialAIC {
            shape = .linear
        } else if exponentialAIC + decisiveGap < linearAIC {
            shape = .exponential
        } else {
            shape = .undecided
        }
    }
}
