import Foundation
import Testing
@testable import ShowroomBuild
@testable import ShowroomCheck
@testable import ShowroomImport
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomServe
@testable import ShowroomSupport
@testable import ShowroomTemplates

/// Every reader of untrusted text stays linear in its input: each is fed 1×, 10× and 100× a base input
/// of the shape most likely to hide a quadratic step (deep nesting, long lines, many quotes, unclosed
/// tags), and the time of the 100× input must stay near ten times the 10× one. Ratios, not absolute
/// times, with generous bounds: a quadratic reader takes a hundred times as long, a linear one ten.
@Suite("Readers are linear", .serialized)
struct LinearityTests {
    /// Seconds of this thread's CPU time per call of `work`, over `repeats` calls. CPU time, not the clock:
    /// while the rest of the suite (browsers, validators, ffmpeg) and other processes share the cores, the
    /// time this thread waits for one is not the reader's, and it landed unevenly on the sizes.
    static func seconds(repeating repeats: Int, _ work: () -> Void) -> Double {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let start = now()
        for _ in 0..<repeats { work() }
        return (now() - start) / Double(repeats)
    }

    /// `make(n)` builds an input of size n; `read` reads it. Linear growth from 10× to 100× is ×10; the bound
    /// allows ×35 for a noisy machine (quadratic would be ×100).
    ///
    /// Each size keeps its fastest of five rounds, and the rounds take turns over the sizes, so what the
    /// rest of the machine does to caches and memory slows one round of every size rather than every run
    /// of one. A run repeats a quick read until it takes about 20 ms.
    static func expectLinear<Input>(_ name: String, base: Int, make: (Int) -> Input, read: (Input) -> Void,
                                    sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let inputs = [base, base * 10, base * 100].map(make)
        let repeats = inputs.map { input in max(1, min(1_000, Int(0.02 / max(seconds(repeating: 1) { read(input) }, 1e-6)))) }
        var times = [Double](repeating: .infinity, count: inputs.count)
        for _ in 0..<5 {
            for (size, input) in inputs.enumerated() { times[size] = min(times[size], seconds(repeating: repeats[size]) { read(input) }) }
        }
        let ratio = times[2] / max(times[1], 1e-6)
        #expect(ratio < 35, "\(name): 1× \(times[0]) s, 10× \(times[1]) s, 100× \(times[2]) s (×\(ratio) from 10× to 100×)",
                sourceLocation: sourceLocation)
    }

    @Test("the JSON parser: long arrays, long strings full of escapes, nesting up to its limit")
    func json() {
        Self.expectLinear("JSON array of objects", base: 200, make: { count in
            Array(("[" + (0..<count).map { #"{"handle": "p-\#($0)", "price": "1\#($0).00", "tags": ["a", "b"]}"# }.joined(separator: ",") + "]").utf8)
        }, read: { _ = try? JSONParser.parse($0) })
        Self.expectLinear("JSON string of escapes", base: 2_000, make: { count in
            Array(("\"" + String(repeating: #"\"\\\n\u00e9"#, count: count) + "\"").utf8)
        }, read: { _ = try? JSONParser.parse($0) })
        // Deeper than the parser's limit of 512 is refused at once: the time must not grow with what follows.
        Self.expectLinear("JSON nesting", base: 5, make: { count in
            Array((String(repeating: "[", count: count) + String(repeating: "]", count: count)).utf8)
        }, read: { _ = try? JSONParser.parse($0) })
    }

    @Test("front matter: many fields, a long line, no closing line")
    func frontMatter() {
        Self.expectLinear("front matter fields", base: 20, make: { count in
            "---\n" + (0..<count).map { "key\($0): value \($0)" }.joined(separator: "\n") + "\n---\nbody\n"
        }, read: { _ = FrontMatter.parse($0, displayPath: "x.md", sink: DiagnosticSink()) })
        Self.expectLinear("front matter without its closing line", base: 500, make: { count in
            "---\n" + String(repeating: "a line of text that never closes the front matter\n", count: count)
        }, read: { _ = FrontMatter.parse($0, displayPath: "x.md", sink: DiagnosticSink()) })
    }

    @Test("CSV and TSV: many rows, many quotes, a long quoted field, a long line of fields, Windows-1252")
    func delimitedText() {
        Self.expectLinear("CSV rows", base: 100, make: { count in
            Array(("Handle,Title,Body\n" + (0..<count).map { "p-\($0),\"Title, \($0)\",\"<p>\"\"quoted\"\"</p>\"" }.joined(separator: "\n")).utf8)
        }, read: { _ = try? DelimitedText.parse($0, separator: UInt8(ascii: ","), file: "x.csv") })
        Self.expectLinear("one long quoted field", base: 2_000, make: { count in
            Array(("A,B\n\"" + String(repeating: "\"\"x,\n", count: count) + "\",b\n").utf8)
        }, read: { _ = try? DelimitedText.parse($0, separator: UInt8(ascii: ","), file: "x.csv") })
        // Every field's column was counted from the start of its line.
        Self.expectLinear("one line of many fields", base: 200, make: { count in
            Array(("A,B\n" + String(repeating: "é,", count: count) + "\n").utf8)
        }, read: { _ = try? DelimitedText.parse($0, separator: UInt8(ascii: ","), file: "x.csv") })
        Self.expectLinear("one line of fields that open a quote and do not close it", base: 200, make: { count in
            Array(("A,B\n" + String(repeating: "\"Rocky\" Poster,", count: count) + "\n").utf8)
        }, read: { _ = try? DelimitedText.parse($0, separator: UInt8(ascii: ","), file: "x.csv", lenientQuotes: true) })
        Self.expectLinear("Windows-1252 text", base: 2_000, make: { count in
            [UInt8]("A\tB\n".utf8) + Array(repeating: [0x93, 0x41, 0x94, 0x09, 0xE9, 0x0A], count: count).flatMap { $0 }
        }, read: { _ = try? DelimitedText.parse($0, separator: UInt8(ascii: "\t"), file: "x.txt") })
    }

    @Test("HTML to Markdown: unclosed tags, long paragraphs, many list items")
    func htmlToMarkdown() {
        Self.expectLinear("unclosed tags", base: 100, make: { count in
            String(repeating: "<b>text <i>more <span>", count: count)
        }, read: { _ = HTMLToMarkdown.convert($0) })
        Self.expectLinear("many paragraphs and list items", base: 50, make: { count in
            String(repeating: "<p>Some <strong>bold</strong> words &amp; a <a href=\"/x\">link</a>.</p><ul><li>one</li><li>two</li></ul>", count: count)
        }, read: { _ = HTMLToMarkdown.convert($0) })
        Self.expectLinear("one long line of markup characters", base: 500, make: { count in
            "<p>" + String(repeating: "*_[]#`<>|\\ ", count: count) + "</p>"
        }, read: { _ = HTMLToMarkdown.convert($0) })
    }

    @Test("the preview server's path resolver: long paths, many segments, many escapes")
    func pathResolver() {
        Self.expectLinear("path segments", base: 200, make: { count in
            "/" + (0..<count).map { "segment\($0)" }.joined(separator: "/") + "/"
        }, read: { _ = PreviewResponder.resolve($0) })
        Self.expectLinear("percent escapes", base: 500, make: { count in
            "/" + String(repeating: "%C3%A9", count: count)
        }, read: { _ = PreviewResponder.resolve($0) })
    }

    @Test("the template parser and compiler: many tags, deep sections, one long line")
    func templates() throws {
        func compile(_ source: String) { _ = try? CompiledTemplates(sources: ["t": source]) }
        Self.expectLinear("template tags", base: 40, make: { count in
            String(repeating: "<p>{{title}} {{#price}}{{current}}{{/price}} {{^empty(tags)}}x{{/empty(tags)}}</p>\n", count: count)
        }, read: compile)
        Self.expectLinear("nested sections", base: 100, make: { count in
            (0..<count).map { "{{#s\($0)}}" }.joined() + "x" + (0..<count).reversed().map { "{{/s\($0)}}" }.joined()
        }, read: compile)
        Self.expectLinear("one long line of tags, comments and delimiter changes", base: 50, make: { count in
            String(repeating: "a {{b}} {{! c }} {{=<% %>=}}<%d%><%={{ }}=%> {{{e}}} {{> f}} ", count: count)
        }, read: compile)
        Self.expectLinear("a section never closed", base: 100, make: { count in
            "{{#open}}" + String(repeating: "text {{name}}\n", count: count)
        }, read: compile)
    }
}
