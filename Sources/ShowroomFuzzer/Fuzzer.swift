import Foundation
import ShowroomFuzzing

// Built by scripts/fuzz with -sanitize=fuzzer: libFuzzer calls this for every input; the target comes
// from SHOWROOM_FUZZ_TARGET, since libFuzzer owns the command line.
private let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["SHOWROOM_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        fatalError("SHOWROOM_FUZZ_TARGET must be one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    do {
        try target.check(bytes)
    } catch {
        fatalError("\(target.rawValue): \(error)")
    }
    return 0
}

#if FUZZING
/// libFuzzer's own entry, which runs the fuzzing loop with its command line.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzer(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif

/// Under scripts/fuzz: libFuzzer's loop. Otherwise `showroom-fuzz TARGET FILE…` checks the given inputs
/// once (what a finding is reproduced with).
@main
enum Main {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzer(&argc, &argv) { data, count in fuzzOneInput(data, count) })
        #else
        replay()
        #endif
    }

    static func replay() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: showroom-fuzz TARGET FILE…  (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
            exit(64)
        }
        var failed = false
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { print("\(path): cannot read"); failed = true; continue }
            do {
                try target.check([UInt8](data))
            } catch {
                print("\(path): \(error)")
                failed = true
            }
        }
        exit(failed ? 1 : 0)
    }
}
