import ShowroomBuild
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// What `showroom serve` adds to HTML as it serves it (never to a build's files): a script that
/// reloads the page after every rebuild, and, while the latest build has errors, a panel listing them
/// over the last good page.
enum LiveReload {
    /// Loaded from the preview server rather than written inline: pages declare a Content-Security-Policy
    /// that refuses inline scripts.
    static let script = #"<script src="\#(scriptPath)"></script>"#
    static let scriptPath = "/_showroom/reload.js"
    static let scriptSource = #"(()=>{const s=new EventSource("\#(PreviewResponder.eventsPath)");s.addEventListener("reload",()=>location.reload());})();"# + "\n"

    static func inject(into page: [UInt8], errors: [Diagnostic], lastGood: Bool = true) -> [UInt8] {
        var addition = script
        if !errors.isEmpty { addition += panel(errors, lastGood: lastGood) }
        let closing = Array("</body>".utf8)
        guard let position = lastIndex(of: closing, in: page) else { return page + Array(addition.utf8) }
        return Array(page[..<position]) + Array(addition.utf8) + Array(page[position...])
    }

    /// A page for when the store has not built once yet: only the errors, reloading when they are fixed.
    static func errorPage(_ errors: [Diagnostic]) -> [UInt8] {
        inject(into: Array("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>The store does not build</title></head><body></body></html>".utf8),
               errors: errors, lastGood: false)
    }

    static func panel(_ errors: [Diagnostic], lastGood: Bool = true) -> String {
        let items = errors.map { "<li><code style=\"white-space:pre-wrap\">\(HTML.escape($0.description))</code></li>" }.joined()
        return """
        <div id="showroom-build-error" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;\
        background:#2b0f12;color:#ffe9ea;font:14px/1.5 ui-monospace,monospace;padding:16px 20px;border-top:4px solid #e5484d">\
        <strong>\(lastGood ? "The last edit does not build" : "The store does not build yet") (\(errors.count) error\(errors.count == 1 ? "" : "s"))\
        \(lastGood ? "; this is the last good version of the page." : ": fix them and this page reloads.")</strong>\
        <ul style="margin:8px 0 0;padding-left:20px">\(items)</ul></div>
        """
    }

    private static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.count - needle.count
        while index >= 0 {
            if haystack[index] == needle[0], Array(haystack[index..<index + needle.count]) == needle { return index }
            index -= 1
        }
        return nil
    }
}
