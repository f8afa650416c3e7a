import Foundation

/// A parsed JSON value. Arrays whose elements are all numbers are stored as `[Double]` directly, so a
/// 10,000 x 1,000 matrix costs one array of doubles per row, not ten million boxed values.
public indirect enum JSONValue: Sendable, Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case numbers([Double])
    case number(Double)
    case string(String)
    case bool(Bool)
    case null
}

/// A single-pass recursive-descent JSON parser (RFC 8259) over UTF-8 bytes: linear time, numbers
/// converted by `strtod` (correctly rounded, so printed shortest-round-trip doubles come back exactly).
/// Errors name the byte offset.
public struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    public static func parse(_ data: Data) throws -> JSONValue {
        var parser = JSONParser(bytes: [UInt8](data))
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected trailing characters") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func error(_ message: String) -> FeatureLearningError {
        .malformedInput(reason: "malformed JSON at byte \(index): \(message)")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    private mutating func parseValue() throws -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        default: return .number(try parseNumber())
        }
    }

    private mutating func expect(_ word: String) throws {
        let utf8 = Array(word.utf8)
        guard index + utf8.count <= bytes.count, Array(bytes[index..<(index + utf8.count)]) == utf8 else { throw error("invalid literal") }
        index += utf8.count
    }

    private mutating func parseObject() throws -> JSONValue {
        depth += 1
        guard depth < 512 else { throw error("nesting too deep") }
        defer { depth -= 1 }
        index += 1
        var result: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(result) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            result[key] = try parseValue()
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(result) }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func parseArray() throws -> JSONValue {
        depth += 1
        guard depth < 512 else { throw error("nesting too deep") }
        defer { depth -= 1 }
        index += 1
        var numbers: [Double] = []
        var values: [JSONValue]? = nil
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .numbers([]) }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated array") }
            let c = bytes[index]
            if values == nil, c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) {
                numbers.append(try parseNumber())
            } else {
                if values == nil { values = numbers.map { .number($0) } }
                values!.append(try parseValue())
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; break }
            throw error("expected ',' or ']'")
        }
        if let values { return .array(values) }
        return .numbers(numbers)
    }

    private mutating func parseString() throws -> String {
        index += 1
        var scalars = [UInt8]()
        while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: "\"") { index += 1; return String(decoding: scalars, as: UTF8.self) }
            if c == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { break }
                let e = bytes[index]
                switch e {
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "u"):
                    guard index + 4 < bytes.count, let code = UInt32(String(decoding: bytes[(index + 1)...(index + 4)], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                    scalars.append(contentsOf: Array(String(scalar).utf8))
                    index += 4
                default: scalars.append(e)
                }
                index += 1
                continue
            }
            scalars.append(c)
            index += 1
        }
        throw error("unterminated string")
    }

    private mutating func parseNumber() throws -> Double {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        guard index > digitsStart else { throw error("invalid value") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fraction = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            guard index > fraction else { throw error("invalid number") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let exponent = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            guard index > exponent else { throw error("invalid number") }
        }
        var text = Array(bytes[start..<index])
        text.append(0)
        return text.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { strtod($0, nil) }
        }
    }
}

/// Writes JSON with every Double in its shortest round-trip form (Swift's `description`).
public enum JSONWriter {
    public static func number(_ x: Double) -> String { x.description }

    public static func numbers(_ xs: [Double]) -> String {
        var out = "["
        out.reserveCapacity(xs.count * 22)
        for (k, x) in xs.enumerated() {
            if k > 0 { out += ", " }
            out += x.description
        }
        return out + "]"
    }

    public static func matrix(_ m: Matrix) -> String {
        "[" + (0..<m.rows).map { numbers(Array(m.storage[($0 * m.columns)..<(($0 + 1) * m.columns)])) }.joined(separator: ", ") + "]"
    }
}
