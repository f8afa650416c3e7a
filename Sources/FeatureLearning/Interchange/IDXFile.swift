import CZlib
import Foundation

/// An IDX file (the MNIST / Fashion-MNIST format), read through zlib so that `.gz` files need no
/// unpacking: magic 0x0000 08 D (unsigned bytes, D dimensions), D big-endian UInt32 sizes, then data.
public struct IDXFile: Sendable {
    /// The dimension sizes (e.g. [60000, 28, 28] for images, [60000] for labels).
    public var dimensions: [Int]
    /// The unsigned bytes, row-major.
    public var bytes: [UInt8]

    /// Reads a (possibly gzip-compressed) IDX file of unsigned bytes. Errors name the path and the problem.
    public init(path: String) throws {
        guard let file = gzopen(path, "rb") else { throw FeatureLearningError.malformedInput(reason: "cannot open IDX file \(path)") }
        defer { gzclose(file) }
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if count < 0 { throw FeatureLearningError.malformedInput(reason: "zlib error reading \(path)") }
            if count == 0 { break }
            data.append(contentsOf: chunk[0..<Int(count)])
        }
        try self.init(contents: data, name: path)
    }

    /// Parses IDX contents already in memory.
    public init(contents data: [UInt8], name: String = "IDX data") throws {
        guard data.count >= 4, data[0] == 0, data[1] == 0, data[2] == 0x08 else {
            throw FeatureLearningError.malformedInput(reason: "\(name): not an IDX file of unsigned bytes (bad magic)")
        }
        let rank = Int(data[3])
        guard rank >= 1, data.count >= 4 + 4 * rank else { throw FeatureLearningError.malformedInput(reason: "\(name): truncated header") }
        var dims: [Int] = []
        for k in 0..<rank {
            let o = 4 + 4 * k
            dims.append(Int(data[o]) << 24 | Int(data[o + 1]) << 16 | Int(data[o + 2]) << 8 | Int(data[o + 3]))
        }
        let count = dims.reduce(1, *)
        guard data.count == 4 + 4 * rank + count else {
            throw FeatureLearningError.malformedInput(reason: "\(name): expected \(count) data bytes for dimensions \(dims), found \(data.count - 4 - 4 * rank)")
        }
        dimensions = dims
        bytes = Array(data[(4 + 4 * rank)...])
    }

    /// Item k of the first dimension as doubles scaled to [0, 1] (pixel / 255).
    public func item(_ k: Int) -> [Double] {
        let size = dimensions.dropFirst().reduce(1, *)
        return bytes[(k * size)..<((k + 1) * size)].map { Double($0) / 255 }
    }
}

/// The Fashion-MNIST files of Debian's `dataset-fashion-mnist` package (the paper used MNIST, which is
/// not obtainable here; see PROPERTIES.md).
public enum FashionMNIST {
    public static let directory = "/usr/share/datasets/fashion-mnist"

    public static var isInstalled: Bool { FileManager.default.fileExists(atPath: directory + "/train-images-idx3-ubyte.gz") }

    /// (images, labels) of the training or test split.
    public static func load(training: Bool) throws -> (images: IDXFile, labels: IDXFile) {
        let prefix = training ? "train" : "t10k"
        let images = try IDXFile(path: "\(directory)/\(prefix)-images-idx3-ubyte.gz")
        let labels = try IDXFile(path: "\(directory)/\(prefix)-labels-idx1-ubyte.gz")
        guard images.dimensions.first == labels.dimensions.first else {
            throw FeatureLearningError.malformedInput(reason: "image and label counts differ: \(images.dimensions) vs \(labels.dimensions)")
        }
        return (images, labels)
    }
}
