import Foundation

/// A minimal SVG line chart: several named series of (x, y) points, linear or log10 axes, ticks,
/// a legend and a title. Enough for the paper's figures; no dependencies.
public struct SVGPlot {
    public struct Series {
        public var name: String
        public var points: [(Double, Double)]
        public var color: String
        public var dashed: Bool
        public init(name: String, points: [(Double, Double)], color: String, dashed: Bool = false) {
            self.name = name
            self.points = points
            self.color = color
            self.dashed = dashed
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var logX = false
    public var logY = false
    public var width = 560.0, height = 380.0

    public init(title: String, xLabel: String, yLabel: String, series: [Series], logX: Bool = false, logY: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.logX = logX
        self.logY = logY
    }

    public static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#7f7f7f"]

    func transform(_ v: Double, log: Bool) -> Double? {
        if log { return v > 0 && v.isFinite ? Foundation.log10(v) : nil }
        return v.isFinite ? v : nil
    }

    public func render() -> String {
        let left = 70.0, right = 150.0, top = 36.0, bottom = 50.0
        let plotW = width - left - right, plotH = height - top - bottom
        let xs = series.flatMap { $0.points.compactMap { transform($0.0, log: logX) } }
        let ys = series.flatMap { $0.points.compactMap { transform($0.1, log: logY) } }
        var (x0, x1) = (xs.min() ?? 0, xs.max() ?? 1), (y0, y1) = (ys.min() ?? 0, ys.max() ?? 1)
        if x1 - x0 < 1e-12 { x0 -= 0.5; x1 += 0.5 }
        if y1 - y0 < 1e-12 { y0 -= 0.5; y1 += 0.5 }
        let pad = (y1 - y0) * 0.05
        y0 -= pad; y1 += pad
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * plotW }
        func py(_ y: Double) -> Double { top + plotH - (y - y0) / (y1 - y0) * plotH }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<text x=\"\(left + plotW / 2)\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">\(escape(title))</text>\n"
        svg += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(plotW)\" height=\"\(plotH)\" fill=\"none\" stroke=\"#444\"/>\n"
        for k in 0...4 {
            let xv = x0 + (x1 - x0) * Double(k) / 4, yv = y0 + (y1 - y0) * Double(k) / 4
            let xt = logX ? pow(10, xv) : xv, yt = logY ? pow(10, yv) : yv
            svg += "<line x1=\"\(px(xv))\" y1=\"\(top + plotH)\" x2=\"\(px(xv))\" y2=\"\(top + plotH + 5)\" stroke=\"#444\"/>"
            svg += "<text x=\"\(px(xv))\" y=\"\(top + plotH + 18)\" text-anchor=\"middle\">\(tick(xt))</text>\n"
            svg += "<line x1=\"\(left - 5)\" y1=\"\(py(yv))\" x2=\"\(left)\" y2=\"\(py(yv))\" stroke=\"#444\"/>"
            svg += "<line x1=\"\(left)\" y1=\"\(py(yv))\" x2=\"\(left + plotW)\" y2=\"\(py(yv))\" stroke=\"#eee\"/>"
            svg += "<text x=\"\(left - 8)\" y=\"\(py(yv) + 4)\" text-anchor=\"end\">\(tick(yt))</text>\n"
        }
        svg += "<text x=\"\(left + plotW / 2)\" y=\"\(height - 10)\" text-anchor=\"middle\">\(escape(xLabel))\(logX ? " (log)" : "")</text>\n"
        svg += "<text transform=\"translate(16 \(top + plotH / 2)) rotate(-90)\" text-anchor=\"middle\">\(escape(yLabel))\(logY ? " (log)" : "")</text>\n"
        for (index, s) in series.enumerated() {
            let coordinates = s.points.compactMap { p -> String? in
                guard let x = transform(p.0, log: logX), let y = transform(p.1, log: logY) else { return nil }
                return String(format: "%.2f,%.2f", px(x), py(y))
            }
            if coordinates.count > 1 {
                svg += "<polyline fill=\"none\" stroke=\"\(s.color)\" stroke-width=\"1.8\"\(s.dashed ? " stroke-dasharray=\"6 4\"" : "") points=\"\(coordinates.joined(separator: " "))\"/>\n"
            } else if let only = coordinates.first {
                let parts = only.split(separator: ",")
                svg += "<circle cx=\"\(parts[0])\" cy=\"\(parts[1])\" r=\"3\" fill=\"\(s.color)\"/>\n"
            }
            let ly = top + 14 + Double(index) * 18
            svg += "<line x1=\"\(left + plotW + 10)\" y1=\"\(ly)\" x2=\"\(left + plotW + 34)\" y2=\"\(ly)\" stroke=\"\(s.color)\" stroke-width=\"2\"\(s.dashed ? " stroke-dasharray=\"6 4\"" : "")/>"
            svg += "<text x=\"\(left + plotW + 38)\" y=\"\(ly + 4)\">\(escape(s.name))</text>\n"
        }
        return svg + "</svg>\n"
    }

    func tick(_ v: Double) -> String {
        if v == 0 { return "0" }
        let a = abs(v)
        if a >= 1e4 || a < 1e-2 { return String(format: "%.0e", v) }
        if a >= 100 { return String(format: "%.0f", v) }
        return String(format: "%.3g", v)
    }

    func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
