/// The Condition 3.1 / D.1 / E.1 report for the paper's own parameter sets (Sec 5.1, App G, Sec 5.2),
/// which the paper calls "aligned with Condition 3.1".
public enum ConditionReport {
    /// One section per preset with the three conditions evaluated under `constants`.
    public static func text(presets: [PaperPreset] = Presets.all, constants: HiddenConstants = .lenient) -> String {
        var out = ["# Conditions 3.1, D.1 and E.1 for the paper's parameter sets",
                   "Hidden constants: C = \(constants.constant), log factor log(n m d / delta)^\(constants.logPower), delta = \(constants.delta).",
                   "An item holds when its slack factor is >= 1.", ""]
        for preset in presets {
            let p = ConditionParameters(preset)
            out.append("## \(preset.name) (\(preset.source)): d=\(p.dimension) n=\(p.sampleCount) m=\(p.width) ||mu||=\(ConditionChecker.format(p.signalNorm)) sigma0=\(p.sigma0) eta=\(p.eta) n SNR^2=\(ConditionChecker.format(preset.data.nSNR2))")
            for (name, items) in [("Condition 3.1", ConditionChecker.condition31(p, constants)),
                                  ("Condition D.1", ConditionChecker.conditionD1(p, constants)),
                                  ("Condition E.1", ConditionChecker.conditionE1(p, constants))] {
                let failing = items.filter { !$0.holds }.count
                out.append("### \(name): \(items.count - failing)/\(items.count) items hold")
                out.append(ConditionChecker.render(items))
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}
