import ShowroomLoading
import ShowroomModel
import ShowroomSupport

/// A CSV or TSV file read into records that remember where each field was written, so a bad row can be
/// reported at its line and column.
///
/// Quoting follows RFC 4180 (a field that starts with `"` runs to the next lone `"`, `""` is a quote, and
/// line breaks inside quotes belong to the field), which is also what spreadsheet programs write for tab
/// separated text. A `"` inside an unquoted field is just a character (Amazon titles such as `12" Skillet`).
public struct DelimitedText: Sendable {
    public struct Record: Sendable {
        public var fields: [String]
        /// 1-based line where the record starts, and the column of each field on its own line.
        public var line: Int
        public var fieldLines: [Int]
        public var fieldColumns: [Int]

        public var isBlank: Bool { fields.allSatisfy { $0.allSatisfy(\.isWhitespace) } }
    }

    public var records: [Record]
    /// Set when the bytes were not UTF-8 and were read as Windows-1252 (what Amazon's US reports use).
    public var decodedAsWindows1252: Bool

    /// With `lenientQuotes`, a field that starts with a quote but does not end with one before the separator
    /// is read as written (`"Rocky" Poster`), instead of being an error.
    public static func parse(_ bytes: [UInt8], separator: UInt8, file: String, lenientQuotes: Bool = false) throws(Diagnostic) -> DelimitedText {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let isUTF8 = String(validating: bytes, as: UTF8.self) != nil
        if !isUTF8 { bytes = Array(Windows1252.decode(bytes).utf8) }
        var reader = Reader(bytes: bytes, separator: separator, file: file, lenientQuotes: lenientQuotes)
        return DelimitedText(records: try reader.readAll(), decodedAsWindows1252: !isUTF8)
    }

    private struct Reader {
        let bytes: [UInt8]
        let separator: UInt8
        let file: String
        let lenientQuotes: Bool
        var index = 0
        var line = 1
        var lineStart = 0
        /// The last column worked out, where and on which line: the next is counted from there, since
        /// counting every field's column from the start of its line made a long line of fields quadratic.
        private var counted = (lineStart: 0, index: 0, column: 1)

        init(bytes: [UInt8], separator: UInt8, file: String, lenientQuotes: Bool) {
            self.bytes = bytes
            self.separator = separator
            self.file = file
            self.lenientQuotes = lenientQuotes
        }

        /// Columns count Unicode scalars, like every other location Showroom reports.
        mutating func column() -> Int {
            func scalars(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
            if counted.lineStart != lineStart { counted = (lineStart, lineStart, 1) }
            // A lenient read steps back to the start of a field that was not quoted after all.
            if index >= counted.index { counted.column += scalars(counted.index..<index) } else { counted.column -= scalars(index..<counted.index) }
            counted.index = index
            return counted.column
        }

        mutating func readAll() throws(Diagnostic) -> [Record] {
            var records: [Record] = []
            while index < bytes.count {
                let record = try readRecord()
                if !record.isBlank { records.append(record) }
            }
            return records
        }

        private mutating func readRecord() throws(Diagnostic) -> Record {
            var record = Record(fields: [], line: line, fieldLines: [], fieldColumns: [])
            while true {
                record.fieldLines.append(line)
                record.fieldColumns.append(column())
                record.fields.append(try readField())
                guard index < bytes.count else { return record }
                let byte = bytes[index]
                if byte == separator { index += 1; continue }
                consumeLineBreak()
                return record
            }
        }

        private mutating func readField() throws(Diagnostic) -> String {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return readUnquoted() }
            if lenientQuotes {
                let (start, startLine, startOfLine) = (index, line, lineStart)
                do { return try readQuoted() } catch {
                    (index, line, lineStart) = (start, startLine, startOfLine)
                    return readUnquoted()
                }
            }
            return try readQuoted()
        }

        private mutating func readUnquoted() -> String {
            let start = index
            while index < bytes.count, bytes[index] != separator, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        private mutating func readQuoted() throws(Diagnostic) -> String {
            let openLine = line, openColumn = column()
            index += 1
            var field: [UInt8] = []
            while true {
                guard index < bytes.count else {
                    throw Diagnostic.error("a quoted field opened here is never closed", at: SourceLocation(file: file, line: openLine, column: openColumn),
                                           hint: "the file may be cut short, or a quote inside the field is not doubled (\"\")")
                }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 2
                        continue
                    }
                    index += 1
                    if index < bytes.count, bytes[index] != separator, bytes[index] != 0x0A, bytes[index] != 0x0D {
                        throw Diagnostic.error("unexpected text after the closing quote of a field",
                                               at: SourceLocation(file: file, line: line, column: column()),
                                               hint: "a quote inside a quoted field is written twice (\"\"); is this the right format and separator?")
                    }
                    return String(decoding: field, as: UTF8.self)
                }
                if byte == 0x0A || byte == 0x0D {
                    consumeLineBreak()
                    field.append(0x0A)
                    continue
                }
                field.append(byte)
                index += 1
            }
        }

        private mutating func consumeLineBreak() {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            index += 1
            line += 1
            lineStart = index
        }
    }
}

/// Windows-1252, the "ANSI" code page Amazon Seller Central and older Excel versions write text files in.
enum Windows1252 {
    /// 0x80–0x9F; the rest of the range matches ISO 8859-1 (and so Unicode). Undefined bytes map to U+FFFD.
    private static let high: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func decode(_ bytes: [UInt8]) -> String {
        var text = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
            text.append(Unicode.Scalar(value)!)
        }
        return String(text)
    }
}
