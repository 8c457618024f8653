import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport
import ShowroomTemplates

/// `showroom build --report FILE`: every output file with its size and SHA-256, counts, timing and
/// warnings, as JSON a deploy step can diff (files sorted by path; only `seconds` varies between runs).
public enum BuildReport {
    public static func json(_ summary: BuildSummary) -> String {
        let root = URL(fileURLWithPath: summary.outputDirectory)
        var files: [JSONValue] = []
        for path in regularFiles(under: root) {
            let bytes = [UInt8](FileManager.default.contents(atPath: root.appendingPathComponent(path).path) ?? Data())
            files.append(.members(["path": .string(path), "bytes": .number(String(bytes.count)), "sha256": .string(SHA256.hex(bytes))]))
        }
        let warnings = summary.warnings.map { warning -> JSONValue in
            .members(["rule": .optional(warning.rule?.rawValue), "message": .string(warning.message), "file": .optional(warning.location?.file),
                      "line": warning.location?.line.map { .number(String($0)) }, "fix": .optional(warning.hint)])
        }
        return JSONValue.members([
            "version": .number("1"),
            "output": .string(summary.outputDirectory),
            "counts": .members(["products": .number(String(summary.products)), "pages": .number(String(summary.pages)),
                                "files": .number(String(files.count)), "bytes": .number(String(summary.bytes))]),
            "timings": .object([("total_seconds", .number(String(format: "%.3f", summary.seconds)))]
                + summary.phases.map { ("\($0.name)_seconds", .number(String(format: "%.3f", $0.seconds))) }),
            "images": summary.images.map { images in
                .members(["pictures": .number(String(images.pictures)), "encoded": .number(String(images.encoded)),
                          "reused": .number(String(images.reused)), "renditions": .number(String(images.renditions))])
            },
            "warnings": .array(warnings),
            "files": .array(files),
        ]).serialized(indent: true) + "\n"
    }
}
