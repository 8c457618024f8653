import ShowroomLoading
import ShowroomModel
import ShowroomSupport

/// The rows of an export file under its header row, looked up by column name.
struct SourceTable {
    /// Column names as written in the header, trimmed.
    let columns: [String]
    let rows: [SourceRow]
    let file: String
    let headerLine: Int
    private let index: [String: Int]

    /// `normalize` maps column names (renamed columns onto one name); `clean` undoes an exporter's escaping of cells.
    init(header: DelimitedText.Record, rows: [DelimitedText.Record], file: String, clean: @escaping (String) -> String = { $0 },
         normalize: (String) -> String = { $0 }) {
        columns = header.fields.map { normalize($0.trimmingCharacters(in: .whitespaces)) }
        var index: [String: Int] = [:]
        for (offset, name) in columns.enumerated() where index[name.lowercased()] == nil { index[name.lowercased()] = offset }
        self.index = index
        self.file = file
        self.headerLine = header.line
        self.rows = rows.map { SourceRow(record: $0, file: file, index: index, clean: clean) }
    }

    func has(_ column: String) -> Bool { index[column.lowercased()] != nil }

    /// The named columns this file lacks, for a "this is not a … file" error.
    func missing(_ required: [String]) -> [String] { required.filter { !has($0) } }

    var headerLocation: SourceLocation { SourceLocation(file: file, line: headerLine, column: 1) }
}

struct SourceRow {
    let record: DelimitedText.Record
    let file: String
    fileprivate let index: [String: Int]
    fileprivate let clean: (String) -> String

    /// The trimmed value of a column, nil when the column is absent or the cell is empty.
    subscript(_ column: String) -> String? {
        raw(column).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The cell as written (descriptions keep their line breaks and indentation).
    func raw(_ column: String) -> String? {
        guard let offset = index[column.lowercased()], offset < record.fields.count else { return nil }
        let value = clean(record.fields[offset])
        return value.allSatisfy(\.isWhitespace) ? nil : value
    }

    func has(_ column: String) -> Bool { index[column.lowercased()] != nil }

    var location: SourceLocation { SourceLocation(file: file, line: record.line, column: 1) }

    func location(of column: String) -> SourceLocation {
        guard let offset = index[column.lowercased()], offset < record.fields.count else { return location }
        return SourceLocation(file: file, line: record.fieldLines[offset], column: record.fieldColumns[offset])
    }
}
