import Foundation

/// Special functions used by the statistics toolkit, written out so that every number a test relies
/// on has a documented algorithm.
public enum SpecialFunctions {
    /// The standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2 (accurate in both tails).
    public static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// The standard normal quantile Phi^-1(p), 0 < p < 1: Acklam's rational approximation
    /// (relative error 1.15e-9) followed by two Newton steps on Phi, giving about 1e-15.
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "normalQuantile needs 0 < p < 1")
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let e = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q+c[5]) / ((((e[0]*q+e[1])*q+e[2])*q+e[3])*q+1)
        } else if p <= 1 - low {
            let q = p - 0.5, r = q * q
            x = (((((a[0]*r+a[1])*r+a[2])*r+a[3])*r+a[4])*r+a[5])*q / (((((b[0]*r+b[1])*r+b[2])*r+b[3])*r+b[4])*r+1)
        } else {
            let q = (-2 * log(1 - p)).squareRoot()
            x = -(((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q+c[5]) / ((((e[0]*q+e[1])*q+e[2])*q+e[3])*q+1)
        }
        for _ in 0..<2 {
            let density = exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
            x -= (normalCDF(x) - p) / density
        }
        return x
    }

    /// log Gamma(x) for x > 0.
    public static func logGamma(_ x: Double) -> Double {
        let value: Double = lgamma(x)
        return value
    }

    /// The regularized incomplete beta function I_x(a, b), by the continued fraction of
    /// Abramowitz & Stegun 26.5.8 evaluated with the modified Lentz method, using the symmetry
    /// I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges slowly.
    public static func regularizedIncompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        precondition(a > 0 && b > 0)
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * log(x) + b * log1p(-x)
        if x > (a + 1) / (a + b + 2) {
            return 1 - regularizedIncompleteBeta(1 - x, b, a)
        }
        let tiny = 1e-300
        var f = 1.0, c = 1.0, d = 0.0
        for i in 0...400 {
            let m = Double(i / 2)
            let numerator: Double
            if i == 0 {
                numerator = 1
            } else if i % 2 == 0 {
                numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            } else {
                numerator = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
            }
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            d = 1 / d
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            let delta = c * d
            f *= delta
            if abs(1 - delta) < 1e-15 { break }
        }
        return exp(logFront) * (f - 1) / a
    }

    /// The p-quantile of Beta(a, b): the x with I_x(a, b) = p, by bisection to 1e-15 absolute.
    public static func betaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
        var lo = 0.0, hi = 1.0
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if regularizedIncompleteBeta(mid, a, b) < p { lo = mid } else { hi = mid }
            if hi - lo < 1e-15 { break }
        }
        return 0.5 * (lo + hi)
    }

    /// The Kolmogorov distribution's upper tail P(K > x) = 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 x^2).
    public static func kolmogorovTail(_ x: Double) -> Double {
        if x <= 0 { return 1 }
        if x < 0.2 { return 1 }
        var sum = 0.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * x * x)
            sum += (k % 2 == 1 ? term : -term)
            if term < 1e-18 { break }
        }
        return min(1, max(0, 2 * sum))
    }
}
