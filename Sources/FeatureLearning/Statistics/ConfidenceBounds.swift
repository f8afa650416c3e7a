/// The outcome of testing "an event E holds with probability at least 1 - delta" over independent
/// trials: the observed violation count and Clopper–Pearson bounds on the violation probability.
public struct ViolationRate: Sendable, Codable, Hashable, CustomStringConvertible {
    public var violations: Int
    public var trials: Int
    /// The claimed maximal violation probability delta.
    public var delta: Double
    /// The one-sided confidence level of the bounds (1 - 1e-6 by default).
    public var confidence: Double
    /// One-sided Clopper–Pearson lower bound on the violation probability.
    public var lowerBound: Double
    /// One-sided Clopper–Pearson upper bound on the violation probability.
    public var upperBound: Double

    /// violations / trials.
    public var observedRate: Double { Double(violations) / Double(trials) }

    /// The claim is refuted when even the lower confidence bound exceeds delta: the data show, at the
    /// stated confidence, that E is violated more often than delta. If the claim is true this happens
    /// with probability at most 1 - confidence (the test's false-fail rate).
    public var refutesClaim: Bool { lowerBound > delta }

    /// The claim is confirmed when the upper bound is at most delta (needs enough trials).
    public var confirmsClaim: Bool { upperBound <= delta }

    public var description: String {
        "violations \(violations)/\(trials) (rate \(observedRate)), Clopper–Pearson [\(lowerBound), \(upperBound)] at one-sided confidence \(confidence), delta \(delta)"
    }
}

/// Clopper–Pearson ("exact") binomial confidence bounds.
public enum ClopperPearson {
    /// The one-sided lower bound p_L with P(Bin(n, p_L) >= k) = 1 - confidence, i.e. the
    /// (1 - confidence)-quantile of Beta(k, n - k + 1); 0 when k = 0.
    public static func lowerBound(successes k: Int, trials n: Int, confidence: Double) -> Double {
        precondition(n > 0 && k >= 0 && k <= n)
        if k == 0 { return 0 }
        return SpecialFunctions.betaQuantile(1 - confidence, Double(k), Double(n - k + 1))
    }

    /// The one-sided upper bound: the confidence-quantile of Beta(k + 1, n - k); 1 when k = n.
    public static func upperBound(successes k: Int, trials n: Int, confidence: Double) -> Double {
        precondition(n > 0 && k >= 0 && k <= n)
        if k == n { return 1 }
        return SpecialFunctions.betaQuantile(confidence, Double(k + 1), Double(n - k))
    }

    /// The violation-rate summary for a "with probability >= 1 - delta" claim.
    public static func violationRate(violations: Int, trials: Int, delta: Double, confidence: Double = 1 - 1e-6) -> ViolationRate {
        ViolationRate(violations: violations, trials: trials, delta: delta, confidence: confidence,
                      lowerBound: lowerBound(successes: violations, trials: trials, confidence: confidence),
                      upperBound: upperBound(successes: violations, trials: trials, confidence: confidence))
    }
}
