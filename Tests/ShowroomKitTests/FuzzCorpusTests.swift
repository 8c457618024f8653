import Foundation
import Testing
@testable import ShowroomFuzzing

/// Replays every input the fuzzers kept (Tests/Fuzz/corpus/<target>/) and every input that once broke a
/// property (Tests/Fuzz/crashes/<target>-…) through the same checks scripts/fuzz runs, without libFuzzer:
/// a regression of a fixed finding fails here.
@Suite("Fuzz corpus")
struct FuzzCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Fuzz").standardizedFileURL

    static func inputs(of target: FuzzTarget) -> [URL] {
        let manager = FileManager.default
        let corpus = root.appendingPathComponent("corpus/\(target.rawValue)")
        let crashes = root.appendingPathComponent("crashes")
        let kept = ((try? manager.contentsOfDirectory(atPath: corpus.path)) ?? []).map { corpus.appendingPathComponent($0) }
        let found = ((try? manager.contentsOfDirectory(atPath: crashes.path)) ?? []).filter { $0.hasPrefix(target.rawValue + "-") }
            .map { crashes.appendingPathComponent($0) }
        return (kept + found).sorted { $0.path < $1.path }
    }

    @Test("every saved input of each fuzz target keeps its property", arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        let inputs = Self.inputs(of: target)
        #expect(!inputs.isEmpty, "Tests/Fuzz/corpus/\(target.rawValue)/ holds no inputs (scripts/fuzz \(target.rawValue) seeds it)")
        for input in inputs {
            let bytes = [UInt8](try Data(contentsOf: input))
            #expect(throws: Never.self, "\(input.lastPathComponent)") { try target.check(bytes) }
        }
    }

    @Test("the checks catch what they are for")
    func checksFire() {
        // Each property fails on an input that breaks it, so a check that can never fail is noticed.
        #expect(throws: FuzzFinding.self) { try FuzzTarget.checkJSONAgainst(ours: "[1]", foundation: "[2]") }
        #expect(throws: FuzzFinding.self) { try FuzzTarget.checkPreviewPathResult("../etc/passwd", raw: "x") }
        #expect(throws: FuzzFinding.self) { try FuzzTarget.checkMarkdownHasNoRawHTML("<script>alert(1)</script>") }
    }
}
