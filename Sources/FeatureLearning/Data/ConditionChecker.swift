import Foundation

/// The hidden constants of an O~/Omega~ statement made explicit: "a >= Omega~(b)" is read as
/// a >= constant * polylog^logPower * b, and "a <= O~(b)" as a <= b * polylog^logPower / constant,
/// where polylog = log(n m d / delta). The paper leaves both unspecified; the checker reports how far
/// each item is from holding so a reader can judge any other choice.
public struct HiddenConstants: Sendable, Codable, Hashable {
    /// The absolute constant C.
    public var constant: Double
    /// The power of the log factor hidden in O~ (0 ignores logs).
    public var logPower: Double
    /// The failure probability delta inside the log factor.
    public var delta: Double

    /// Theta(1) items (alpha_t, beta_t) must lie in [1 / thetaBand, thetaBand].
    public var thetaBand: Double

    public init(constant: Double = 1, logPower: Double = 1, delta: Double = 0.05, thetaBand: Double = 10) {
        self.constant = constant
        self.logPower = logPower
        self.delta = delta
        self.thetaBand = thetaBand
    }

    /// The most lenient reading: C = 1 and no log factors.
    public static let lenient = HiddenConstants(constant: 1, logPower: 0)
}

/// The parameters a condition constrains.
public struct ConditionParameters: Sendable, Codable, Hashable {
    public var dimension: Int
    public var sampleCount: Int
    public var width: Int
    public var signalNorm: Double
    public var sigmaXi: Double
    public var sigma0: Double
    public var eta: Double
    public var alphaT: Double
    public var betaT: Double

    public init(dimension: Int, sampleCount: Int, width: Int, signalNorm: Double, sigmaXi: Double,
                sigma0: Double, eta: Double, alphaT: Double, betaT: Double) {
        self.dimension = dimension
        self.sampleCount = sampleCount
        self.width = width
        self.signalNorm = signalNorm
        self.sigmaXi = sigmaXi
        self.sigma0 = sigma0
        self.eta = eta
        self.alphaT = alphaT
        self.betaT = betaT
    }

    /// The parameters of a paper preset.
    public init(_ preset: PaperPreset) {
        self.init(dimension: preset.data.dimension, sampleCount: preset.data.sampleCount, width: preset.width,
                  signalNorm: preset.data.signalNorm, sigmaXi: preset.data.sigmaXi, sigma0: preset.sigma0,
                  eta: preset.eta, alphaT: preset.diffusion.alphaT, betaT: preset.diffusion.betaT)
    }
}

/// One inequality of a condition, evaluated.
public struct ConditionItem: Sendable, Codable, Hashable {
    /// e.g. "3.1(1) d >= n^4 m^2".
    public var label: String
    /// The side the paper constrains (e.g. d).
    public var value: Double
    /// The bound it is compared with, constants and logs included.
    public var bound: Double
    /// True for "value >= bound", false for "value <= bound".
    public var isLowerBound: Bool

    /// Whether the item holds.
    public var holds: Bool { isLowerBound ? value >= bound : value <= bound }
    /// The slack factor: value / bound for lower bounds, bound / value for upper bounds; >= 1 iff it holds.
    public var factor: Double { isLowerBound ? value / bound : bound / value }
}

/// Conditions 3.1, D.1 and E.1 as explicit inequalities (Sec 3, App D, App E).
///
/// Every Omega~(X) lower bound becomes C polylog^p X and every O~(X) upper bound X polylog^p / C
/// with `HiddenConstants` (C, p, delta), polylog = log(n m d / delta). Theta(1) items
/// (alpha_t, beta_t) are read as lying in [1/band, band].
public enum ConditionChecker {
    static func polylog(_ p: ConditionParameters, _ h: HiddenConstants) -> Double {
        pow(log(Double(p.sampleCount * p.width * p.dimension) / h.delta), h.logPower)
    }

    static func atLeast(_ label: String, _ value: Double, _ order: Double, _ p: ConditionParameters, _ h: HiddenConstants) -> ConditionItem {
        ConditionItem(label: label, value: value, bound: h.constant * polylog(p, h) * order, isLowerBound: true)
    }

    static func atMost(_ label: String, _ value: Double, _ order: Double, _ p: ConditionParameters, _ h: HiddenConstants) -> ConditionItem {
        ConditionItem(label: label, value: value, bound: order / (h.constant * polylog(p, h)), isLowerBound: false)
    }

    /// Condition 3.1, items (1)-(5).
    public static func condition31(_ p: ConditionParameters, _ h: HiddenConstants = HiddenConstants()) -> [ConditionItem] {
        let d = Double(p.dimension), n = Double(p.sampleCount), m = Double(p.width)
        let mu = p.signalNorm, s = p.sigmaXi
        var items: [ConditionItem] = [
            atLeast("3.1(1) d >= ||mu||^2", d, mu * mu, p, h),
            atLeast("3.1(1) d >= n^2 m sigma^-1 ||mu||", d, n * n * m * mu / s, p, h),
            atLeast("3.1(1) d >= n^4 m^2", d, pow(n, 4) * m * m, p, h),
            atLeast("3.1(1) d >= n^4 m^8 sigma^-2", d, pow(n, 4) * pow(m, 8) / (s * s), p, h),
            atLeast("3.1(2) n >= polylog", n, 1, p, h),
            atLeast("3.1(2) m >= polylog", m, 1, p, h),
            atLeast("3.1(3) sigma0 >= n^2 m sigma^-1 d^-1", p.sigma0, n * n * m / (s * d), p, h),
            atMost("3.1(3) sigma0 <= ||mu||^-1", p.sigma0, 1 / mu, p, h),
            atMost("3.1(3) sigma0 <= sigma^-1 d^-1/2", p.sigma0, 1 / (s * d.squareRoot()), p, h),
            atMost("3.1(3) sigma0 <= m^-6 d^-1/2", p.sigma0, pow(m, -6) / d.squareRoot(), p, h),
            atMost("3.1(4) eta <= m ||mu||^-2", p.eta, m / (mu * mu), p, h),
            atMost("3.1(4) eta <= n m sigma0 sigma^-1 d^-1/2", p.eta, n * m * p.sigma0 / (s * d.squareRoot()), p, h),
            atMost("3.1(4) eta <= n m sigma^-2 d^-1", p.eta, n * m / (s * s * d), p, h),
        ]
        items += thetaOne("3.1(5)", p, h)
        return items
    }

    /// Condition D.1 (classification), items (1)-(4).
    public static func conditionD1(_ p: ConditionParameters, _ h: HiddenConstants = HiddenConstants()) -> [ConditionItem] {
        let d = Double(p.dimension), n = Double(p.sampleCount), m = Double(p.width)
        let mu = p.signalNorm, s = p.sigmaXi
        return [
            atLeast("D.1(1) d >= n^2 m sigma^-1 ||mu||", d, n * n * m * mu / s, p, h),
            atLeast("D.1(1) d >= n^4 m", d, pow(n, 4) * m, p, h),
            ConditionItem(label: "D.1(2) m >= C log(n/delta)", value: m, bound: h.constant * log(n / h.delta), isLowerBound: true),
            ConditionItem(label: "D.1(2) n >= C log(m/delta)", value: n, bound: h.constant * log(m / h.delta), isLowerBound: true),
            atLeast("D.1(3) sigma0 >= n^2 m sigma^-1 d^-1", p.sigma0, n * n * m / (s * d), p, h),
            atMost("D.1(3) sigma0 <= ||mu||^-1", p.sigma0, 1 / mu, p, h),
            atMost("D.1(3) sigma0 <= sigma^-1 d^-1/2", p.sigma0, 1 / (s * d.squareRoot()), p, h),
            atMost("D.1(4) eta <= m ||mu||^-2", p.eta, m / (mu * mu), p, h),
            atMost("D.1(4) eta <= n m sigma0 sigma^-1 d^-1/2", p.eta, n * m * p.sigma0 / (s * d.squareRoot()), p, h),
            atMost("D.1(4) eta <= n m sigma^-2 d^-1", p.eta, n * m / (s * s * d), p, h),
        ]
    }

    /// Condition E.1 (diffusion), items (1)-(4).
    public static func conditionE1(_ p: ConditionParameters, _ h: HiddenConstants = HiddenConstants()) -> [ConditionItem] {
        let d = Double(p.dimension), n = Double(p.sampleCount), m = Double(p.width)
        let mu = p.signalNorm, s = p.sigmaXi
        return [
            atLeast("E.1(1) d >= ||mu||^2", d, mu * mu, p, h),
            atLeast("E.1(1) d >= n^2", d, n * n, p, h),
            atLeast("E.1(2) n >= polylog", n, 1, p, h),
            atLeast("E.1(2) m >= polylog", m, 1, p, h),
            atMost("E.1(3) sigma0 <= ||mu||^-1", p.sigma0, 1 / mu, p, h),
            atMost("E.1(3) sigma0 <= sigma^-1 d^-1/2", p.sigma0, 1 / (s * d.squareRoot()), p, h),
            atMost("E.1(3) sigma0 <= m^-3 d^-1/2", p.sigma0, pow(m, -3) / d.squareRoot(), p, h),
        ] + thetaOne("E.1(4)", p, h)
    }

    static func thetaOne(_ prefix: String, _ p: ConditionParameters, _ h: HiddenConstants) -> [ConditionItem] {
        [ConditionItem(label: "\(prefix) alpha_t >= 1/band", value: p.alphaT, bound: 1 / h.thetaBand, isLowerBound: true),
         ConditionItem(label: "\(prefix) alpha_t <= band", value: p.alphaT, bound: h.thetaBand, isLowerBound: false),
         ConditionItem(label: "\(prefix) beta_t >= 1/band", value: p.betaT, bound: 1 / h.thetaBand, isLowerBound: true),
         ConditionItem(label: "\(prefix) beta_t <= band", value: p.betaT, bound: h.thetaBand, isLowerBound: false)]
    }

    /// A fixed-width text table of items: label, value, bound, holds, factor.
    public static func render(_ items: [ConditionItem]) -> String {
        var lines = ["item | value | bound | holds | slack factor"]
        for item in items {
            lines.append("\(item.label) | \(format(item.value)) | \(format(item.bound)) | \(item.holds ? "yes" : "NO") | \(format(item.factor))")
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ x: Double) -> String { String(format: "%.3g", x) }
}
