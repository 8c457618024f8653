/// A CSV file parsed strictly per RFC 4180 (CRLF record ends, quoted fields with doubled quotes), so a
/// feed that a catalog importer would misread fails the test.
struct CSVTable {
    let header: [String]
    let rows: [[String: String]]

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    init(_ text: String) throws {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        let characters = Array(text.unicodeScalars)
        var index = 0
        while index < characters.count {
            let scalar = characters[index]
            if quoted {
                if scalar == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" { field.unicodeScalars.append("\""); index += 1 }
                    else { quoted = false; afterQuote = true }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "," {
                record.append(field); field = ""; afterQuote = false
            } else if scalar == "\r" {
                guard index + 1 < characters.count, characters[index + 1] == "\n" else { throw Malformed(description: "bare CR at \(index)") }
                record.append(field); records.append(record)
                record = []; field = ""; afterQuote = false
                index += 1
            } else if scalar == "\n" {
                throw Malformed(description: "bare LF at \(index) (RFC 4180 ends records with CRLF)")
            } else if scalar == "\"" {
                guard field.isEmpty, !afterQuote else { throw Malformed(description: "quote inside an unquoted field at \(index)") }
                quoted = true
            } else {
                if afterQuote { throw Malformed(description: "text after a closing quote at \(index)") }
                field.unicodeScalars.append(scalar)
            }
            index += 1
        }
        if quoted { throw Malformed(description: "unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty { throw Malformed(description: "last record lacks its CRLF") }
        guard let header = records.first else { throw Malformed(description: "empty file") }
        for (number, record) in records.enumerated() where record.count != header.count {
            throw Malformed(description: "record \(number + 1) has \(record.count) fields, the header \(header.count)")
        }
        self.header = header
        rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
