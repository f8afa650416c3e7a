import Foundation

/// The main job: reruns the paper's synthetic experiments with the paper's settings and writes a
/// report a person can look at — SVG figures, tables with the measured numbers, the Condition 3.1
/// report, and `summary.json` for machines.
public enum Reproduction {
    /// Writes the report into `directory` and returns a short text summary. `quick` uses one seed and
    /// a coarse n SNR^2 grid (for smoke tests).
    public static func run(into directory: URL, quick: Bool = false) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var figures: [(file: String, caption: String)] = []
        var sections: [String] = []
        var summary: [String: String] = [:]
        var verdicts: [(claim: String, criterion: String, measured: String, holds: Bool)] = []
        func write(_ name: String, _ text: String) throws {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        func figure(_ name: String, _ caption: String, _ plot: SVGPlot) throws {
            try write(name, plot.render())
            figures.append((name, caption))
        }

        // Figures 2-3: Sec 5.1, low and high SNR, both models.
        var diffusionRatios: [Double] = []
        var table = ["| setting | model | final loss | train acc | test acc | max signal | max noise | ratio |", "|---|---|---|---|---|---|---|---|"]
        for (label, preset) in [("low", Presets.section51Low), ("high", Presets.section51High)] {
            let c = try PaperExperiments.classification(preset, testSampleCount: quick ? 500 : nil)
            let d = try PaperExperiments.diffusion(preset)
            let cPoints = c.summaries.enumerated().map { (Double($0.offset), $0.element) }
            try figure("fig2-classification-\(label).svg", "Fig 2 — classification, n SNR^2 = \(preset.data.nSNR2): max signal and noise inner products",
                       SVGPlot(title: "Classification, n·SNR² = \(preset.data.nSNR2)", xLabel: "iteration", yLabel: "inner product",
                               series: [.init(name: "max |<w, mu>|", points: cPoints.map { ($0.0, $0.1.signalMax.max()!) }, color: SVGPlot.palette[0]),
                                        .init(name: "max |<w, xi>|", points: cPoints.map { ($0.0, $0.1.noiseMaxOwn) }, color: SVGPlot.palette[1])], logY: true))
            let dPoints = d.summaries.enumerated().map { (Double($0.offset), $0.element) }
            try figure("fig2-diffusion-\(label).svg", "Fig 2 — diffusion (exact expected loss, t = 0.2), n SNR^2 = \(preset.data.nSNR2)",
                       SVGPlot(title: "Diffusion, n·SNR² = \(preset.data.nSNR2)", xLabel: "iteration", yLabel: "inner product",
                               series: [.init(name: "max |<w, mu>|", points: dPoints.map { ($0.0, $0.1.signalMax) }, color: SVGPlot.palette[0]),
                                        .init(name: "max |<w, xi>|", points: dPoints.map { ($0.0, $0.1.noiseMax) }, color: SVGPlot.palette[1])], logY: true))
            try figure("fig3-loss-\(label).svg", "Fig 3 — training losses, n SNR^2 = \(preset.data.nSNR2) (diffusion loss minus its constant d)",
                       SVGPlot(title: "Losses, n·SNR² = \(preset.data.nSNR2)", xLabel: "iteration", yLabel: "loss",
                               series: [.init(name: "classification L_S", points: cPoints.map { ($0.0, $0.1.loss) }, color: SVGPlot.palette[2]),
                                        .init(name: "diffusion d - L_F", points: dPoints.map { ($0.0, Double(preset.data.dimension) - $0.1.loss) }, color: SVGPlot.palette[3])], logY: true))
            let accuracy = c.records.map { (Double($0.step), $0.testAccuracy ?? .nan) }
            try figure("fig3-accuracy-\(label).svg", "Fig 3 — classification train and test accuracy, n SNR^2 = \(preset.data.nSNR2)",
                       SVGPlot(title: "Accuracy, n·SNR² = \(preset.data.nSNR2)", xLabel: "iteration", yLabel: "accuracy",
                               series: [.init(name: "train", points: cPoints.map { ($0.0, $0.1.trainAccuracy) }, color: SVGPlot.palette[0]),
                                        .init(name: "test", points: accuracy, color: SVGPlot.palette[1], dashed: true)]))
            let cs = c.summaries.last!, ds = d.summaries.last!
            let testAccuracy = c.records.last!.testAccuracy ?? .nan
            table.append(String(format: "| %@ (n SNR^2 = %.2f) | classification | %.4f | %.2f | %.3f | %.3f | %.3f | %.3f |", label, preset.data.nSNR2, cs.loss, cs.trainAccuracy, testAccuracy, cs.signalMax.max()!, cs.noiseMaxOwn, PaperExperiments.classificationRatio(c)))
            table.append(String(format: "| %@ (n SNR^2 = %.2f) | diffusion (%@, eta %.4f) | %.4f | — | — | %.3f | %.3f | %.3f |", label, preset.data.nSNR2, d.status.rawValue, d.configuration.eta, ds.loss, ds.signalMax, ds.noiseMax, PaperExperiments.diffusionRatio(d)))
            diffusionRatios.append(PaperExperiments.diffusionRatio(d))
            if label == "low" {
                verdicts.append(("SEC-5.1 low", "train accuracy 1, test accuracy in [0.4, 0.6], max noise > 10 x max signal",
                                 String(format: "train %.2f, test %.3f, noise/signal %.1f", cs.trainAccuracy, testAccuracy, cs.noiseMaxOwn / cs.signalMax.max()!),
                                 cs.trainAccuracy == 1 && testAccuracy >= 0.4 && testAccuracy <= 0.6 && cs.noiseMaxOwn > 10 * cs.signalMax.max()!))
            } else {
                verdicts.append(("SEC-5.1 high", "train accuracy 1, test accuracy >= 0.99, max signal > 2 x max noise",
                                 String(format: "train %.2f, test %.3f, signal/noise %.1f", cs.trainAccuracy, testAccuracy, cs.signalMax.max()! / cs.noiseMaxOwn),
                                 cs.trainAccuracy == 1 && testAccuracy >= 0.99 && cs.signalMax.max()! > 2 * cs.noiseMaxOwn))
            }
            summary["sec51.\(label).classification.testAccuracy"] = JSONWriter.number(testAccuracy)
            summary["sec51.\(label).classification.trainAccuracy"] = JSONWriter.number(cs.trainAccuracy)
            summary["sec51.\(label).classification.ratio"] = JSONWriter.number(PaperExperiments.classificationRatio(c))
            summary["sec51.\(label).diffusion.ratio"] = JSONWriter.number(PaperExperiments.diffusionRatio(d))
            summary["sec51.\(label).diffusion.status"] = "\"\(d.status.rawValue)\""
        }
        verdicts.append(("FIG-2 diffusion", "stationary ratio grows >= 3x when n SNR^2 grows 9x (0.75 -> 6.75)",
                         String(format: "%.2fx", diffusionRatios[1] / diffusionRatios[0]), diffusionRatios[1] >= 3 * diffusionRatios[0]))
        sections.append("## Section 5.1 (Figures 2-3)\n\nPaper: low SNR -> classification memorizes noise (train 100%, test ~50%); high SNR -> signal (test ~100%); diffusion converges with a ratio following n SNR^2.\n\n" + table.joined(separator: "\n"))

        // Figure 1: ratio against n SNR^2.
        let grid = quick ? [0.1, 1, 10] : [0.1, 0.3, 0.75, 1.5, 3, 6.75, 15, 30]
        let sweep = try PaperExperiments.ratioSweep(grid: grid, seeds: quick ? [0] : [0, 1, 2])
        try figure("fig1-ratio.svg", "Fig 1 — signal/noise learning ratio against n SNR^2 (classification: max ratio after 500 steps; diffusion: stationary mean ratio); dashed: ratio = n SNR^2",
                   SVGPlot(title: "Ratio of signal to noise learning", xLabel: "n·SNR²", yLabel: "ratio",
                           series: [.init(name: "classification", points: sweep.map { ($0.nSNR2, $0.classification) }, color: SVGPlot.palette[0]),
                                    .init(name: "diffusion", points: sweep.map { ($0.nSNR2, $0.diffusion) }, color: SVGPlot.palette[1]),
                                    .init(name: "n·SNR²", points: grid.map { ($0, $0) }, color: SVGPlot.palette[7], dashed: true)], logX: true, logY: true))
        let diffusionFit = LinearFit.powerLaw(x: sweep.map(\.nSNR2), y: sweep.map(\.diffusion))
        sections.append("## Figure 1 — ratio against n SNR^2\n\n| n SNR^2 | classification ratio | diffusion ratio |\n|---|---|---|\n"
                        + sweep.map { String(format: "| %.2f | %.3g | %.3f |", $0.nSNR2, $0.classification, $0.diffusion) }.joined(separator: "\n")
                        + String(format: "\n\nDiffusion: fitted exponent of the ratio in n SNR^2 = %.3f ± %.3f (Theorem 3.1 claims 1).", diffusionFit.slope, diffusionFit.slopeStandardError))
        verdicts.append(("THM-3.1 (sweep)", "diffusion ratio exponent in n SNR^2 within 0.2 of 1", String(format: "%.3f ± %.3f", diffusionFit.slope, diffusionFit.slopeStandardError), abs(diffusionFit.slope - 1) <= 0.2))
        if sweep.count >= 3 {
            let logX = sweep.map { log($0.nSNR2) }
            func maxSlope(_ y: [Double]) -> Double {
                var best = 0.0
                for k in 1..<y.count {
                    let rise: Double = log(y[k]) - log(y[k - 1])
                    best = max(best, abs(rise / (logX[k] - logX[k - 1])))
                }
                return best
            }
            let c = maxSlope(sweep.map(\.classification)), d = maxSlope(sweep.map(\.diffusion))
            verdicts.append(("FIG-1", "classification sharp (some local slope > 2), diffusion smooth (all slopes < 1)", String(format: "max slopes %.2f / %.2f", c, d), c > 2 && d < 1))
        }
        summary["fig1.diffusion.exponent"] = JSONWriter.number(diffusionFit.slope)
        summary["fig1.diffusion.exponentStandardError"] = JSONWriter.number(diffusionFit.slopeStandardError)

        // Appendix G (Figure 14).
        var appG: [SVGPlot.Series] = []
        var appGRows: [String] = []
        for (index, preset) in Presets.appendixG.enumerated() {
            let c = try PaperExperiments.classification(preset, testSampleCount: 0)
            appG.append(.init(name: String(format: "signal %.2f", preset.data.nSNR2), points: c.summaries.enumerated().map { (Double($0.offset), $0.element.signalMax.max()!) }, color: SVGPlot.palette[index]))
            appG.append(.init(name: String(format: "noise %.2f", preset.data.nSNR2), points: c.summaries.enumerated().map { (Double($0.offset), $0.element.noiseMaxOwn) }, color: SVGPlot.palette[index], dashed: true))
            appGRows.append(String(format: "| %.2f | %.3f | %.3f | %.3f |", preset.data.nSNR2, c.summaries.last!.signalMax.max()!, c.summaries.last!.noiseMaxOwn, PaperExperiments.classificationRatio(c)))
        }
        let middle = try PaperExperiments.classificationRatio(PaperExperiments.classification(Presets.appendixG[1], testSampleCount: 0))
        verdicts.append(("APP-G", "at n SNR^2 = 3 classification learns both to the same scale (ratio in [1/3, 3])", String(format: "%.3f", middle), middle >= 1.0 / 3 && middle <= 3))
        try figure("fig14-appendixG.svg", "Fig 14 — classification at n SNR^2 = 1.92, 3, 4.32 (solid: max signal, dashed: max noise)",
                   SVGPlot(title: "Appendix G: classification", xLabel: "iteration", yLabel: "inner product", series: appG, logY: true))
        sections.append("## Appendix G (Figure 14)\n\n| n SNR^2 | max signal | max noise | ratio |\n|---|---|---|---|\n" + appGRows.joined(separator: "\n"))

        // Conditions.
        let conditions = ConditionReport.text()
        try write("conditions.md", conditions)
        sections.append("## Condition 3.1 for the paper's settings\n\nSee [conditions.md](conditions.md): with C = 1 and no log factors the Sec 5.1 settings fail 6-7 of 17 items.")

        let verdictTable = "## Verdicts from this run\n\n| claim | criterion | measured | verdict |\n|---|---|---|---|\n"
            + verdicts.map { "| \($0.claim) | \($0.criterion) | \($0.measured) | \($0.holds ? "holds" : "fails") |" }.joined(separator: "\n")
        sections.insert(verdictTable, at: 0)
        summary["verdicts"] = "{" + verdicts.map { "\"\($0.claim)\": \"\($0.holds ? "holds" : "fails")\"" }.joined(separator: ", ") + "}"
        let markdown = "# Reproduction of *On the Feature Learning in Diffusion Models*\n\nGenerated by `feature-learning reproduce`\(quick ? " --quick" : ""). Verdicts for every claim, with the tests behind them: PROPERTIES.md.\n\n"
            + sections.joined(separator: "\n\n") + "\n\n## Figures\n\n" + figures.map { "![\($0.caption)](\($0.file))\n\n*\($0.caption)*" }.joined(separator: "\n\n") + "\n"
        try write("report.md", markdown)
        let html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Feature learning reproduction</title></head><body style=\"font-family:sans-serif;max-width:1200px\">"
            + "<h1>Reproduction of <i>On the Feature Learning in Diffusion Models</i></h1><pre>" + sections.joined(separator: "\n\n").replacingOccurrences(of: "<", with: "&lt;") + "</pre>"
            + figures.map { "<figure><img src=\"\($0.file)\"><figcaption>\($0.caption)</figcaption></figure>" }.joined() + "</body></html>\n"
        try write("index.html", html)
        summary["figures"] = "[" + figures.map { "\"\($0.file)\"" }.joined(separator: ", ") + "]"
        try write("summary.json", "{\n" + summary.keys.sorted().map { "  \"\($0)\": \(summary[$0]!)" }.joined(separator: ",\n") + "\n}\n")
        return "wrote \(figures.count) figures, report.md, index.html, conditions.md and summary.json to \(directory.path)\n" + verdictTable
    }
}
