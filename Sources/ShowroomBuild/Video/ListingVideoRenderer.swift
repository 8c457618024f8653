import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport
import ShowroomTemplates

/// Turns a listing into ffmpeg's arguments: one input per scene (the picture, the clip, or a color for
/// a card), each made `W×H` at 30 fps with its pan/zoom and words, then joined end to end and encoded as
/// H.264 (yuv420p, fast start) so every platform plays it.
struct ListingVideoRenderer: Sendable {
    let format: ListingFormat
    /// Where a picture, clip or logo is read from: a local file, or the URL of remote media.
    let source: @Sendable (MediaReference) -> String

    private var width: Int { format.size.width }
    private var height: Int { format.size.height }
    /// Layout unit: sizes are written for a 1080-pixel short side.
    private var unit: Double { Double(min(width, height)) / 1080 }

    /// The command line; the filter graph and the overlay texts are written into `workDirectory`
    /// (texts go through files so no product title ever needs escaping for ffmpeg).
    func arguments(for listing: VideoListing, fonts: ListingFonts, output: String, workDirectory: URL) throws -> [String] {
        var inputs: [String] = []
        var graph: [String] = []
        var inputCount = 0
        var textFiles = 0
        func addInput(_ arguments: [String]) -> Int {
            inputs += arguments
            inputCount += 1
            return inputCount - 1
        }
        func textFile(_ text: String) throws -> String {
            textFiles += 1
            let url = workDirectory.appendingPathComponent("text-\(textFiles).txt")
            try Data(text.utf8).write(to: url)
            return url.path
        }
        let frameRate = VideoListing.frameRate

        for (number, scene) in listing.scenes.enumerated() {
            let frames = scene.ticks * Int(Double(frameRate) * Storyboard.tick)
            let seconds = Formatting.seconds(scene.duration)
            var chain: String
            switch scene.kind {
            case .image:
                let input = addInput(["-i", source(scene.image!)])
                let motion = scene.motion ?? ListingMotion.Preset.still.motion
                chain = "[\(input):v]\(coverCrop),format=yuv420p," + panAndZoom(motion, frames: frames)
            case .video:
                let input = addInput(["-ss", Formatting.seconds(scene.videoIn), "-t", seconds, "-i", source(scene.video!)])
                // A clip shorter than its scene holds its last frame, so the listing keeps its length.
                chain = "[\(input):v]\(coverCrop),scale=\(width):\(height),setsar=1,format=yuv420p,fps=\(frameRate),"
                    + "tpad=stop_mode=clone:stop_duration=\(seconds),trim=duration=\(seconds)"
            case .card:
                let input = addInput(["-f", "lavfi", "-i", "color=c=\(Self.color(listing.look.background)):s=\(width)x\(height):r=\(frameRate):d=\(seconds)"])
                chain = "[\(input):v]setsar=1,format=yuv420p"
            }
            chain += ",setpts=PTS-STARTPTS"

            let layout = layOut(scene.overlays, onCard: scene.kind == .card, look: listing.look)
            if scene.kind != .card, let shade = shadeMask(Self.shading(layout.scrims, height: height), label: "shade\(number)") {
                // A dark band behind words over a picture keeps them readable on any photo: each frame is blended
                // towards black through one still mask, made once per scene.
                graph += shade
                graph.append("color=c=black:s=\(width)x\(height):r=1:d=1,format=yuv420p[black\(number)]")
                graph.append(chain + "[picture\(number)]")
                chain = "[picture\(number)][black\(number)][shade\(number)]maskedmerge"
            }
            for line in layout.lines {
                chain += ",drawtext=fontfile=\(Self.escape(fonts.file(for: line.text, bold: line.bold))):textfile=\(Self.escape(try textFile(line.text)))"
                    + ":expansion=none:fontsize=\(line.size):fontcolor=\(Self.color(line.color)):x=(w-text_w)/2:y=\(line.top)"
                    + ":alpha=\(Self.escape("min(1,t/0.35)"))"
                if let box = line.box { chain += ":box=1:boxcolor=\(Self.color(box.color)):boxborderw=\(box.border)" }
            }
            var label = "s\(number)"
            if let logo = layout.logo {
                let path = source(logo.media)
                let isSVG = (path as NSString).pathExtension.lowercased() == "svg"
                let input = addInput((isSVG ? ["-width", String(logo.width)] : []) + ["-i", path])
                graph.append(chain + ",format=yuv420p[base\(number)]")
                graph.append("[\(input):v]scale=\(logo.width):\(logo.height):force_original_aspect_ratio=decrease,format=rgba[logo\(number)]")
                chain = "[base\(number)][logo\(number)]overlay=x=(W-w)/2:y=\(logo.top)+(\(logo.height)-h)/2:format=auto,format=yuv420p"
                label = "s\(number)"
            }
            graph.append(chain + (layout.logo == nil ? ",format=yuv420p" : "") + "[\(label)]")
        }
        let total = Formatting.seconds(listing.duration)
        let joined = listing.scenes.indices.map { "[s\($0)]" }.joined()
        graph.append("\(joined)concat=n=\(listing.scenes.count):v=1:a=0,fade=t=in:st=0:d=0.4,"
                     + "fade=t=out:st=\(Formatting.seconds(max(0, listing.duration - 0.5))):d=0.5,format=yuv420p[out]")
        let script = workDirectory.appendingPathComponent("graph.txt")
        try Data(graph.joined(separator: ";\n").utf8).write(to: script)

        return ["-hide_banner", "-nostdin", "-loglevel", "error", "-y"] + inputs + [
            "-filter_complex_script", script.path, "-map", "[out]",
            // superfast's quicker analysis with veryfast's macroblock-tree rate control, which keeps the mostly
            // still picture scenes as small as veryfast made them.
            "-c:v", "libx264", "-preset", "superfast", "-x264-params", "mbtree=1:rc-lookahead=10", "-crf", "20", "-profile:v", "high", "-pix_fmt", "yuv420p",
            "-r", String(frameRate), "-g", String(frameRate * 2), "-t", total,
            "-movflags", "+faststart", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1", "-an",
            output,
        ]
    }

    /// The middle of a picture or clip with the frame's shape, so scaling it to the frame fills it.
    private var coverCrop: String { "crop=w=\(Self.escape("min(iw,ih*\(width)/\(height))")):h=\(Self.escape("min(ih,iw*\(height)/\(width))"))" }

    /// A still picture held for `frames` frames while the view moves from `motion.from` to `motion.to`.
    /// The picture is scaled so the view fills the frame and the frame is cropped out of it: scaled once
    /// when the zoom stays, every frame while it changes (cropping alone costs almost nothing).
    func panAndZoom(_ motion: ListingMotion, frames: Int) -> String {
        let frameRate = VideoListing.frameRate
        let progress = "(n/\(max(1, frames - 1)))"
        func lerp(_ a: Double, _ b: Double) -> String { a == b ? "\(a)" : "(\(a)+(\(b - a))*\(progress))" }
        let (fromZoom, toZoom) = (max(1, motion.from.zoom), max(1, motion.to.zoom))
        let zoom = lerp(fromZoom, toZoom)
        let (scaledWidth, scaledHeight) = ("round(\(width)*\(zoom))", "round(\(height)*\(zoom))")
        let x = "max(0,min(\(scaledWidth)-\(width),\(lerp(motion.from.x, motion.to.x))*\(scaledWidth)-\(width)/2))"
        let y = "max(0,min(\(scaledHeight)-\(height),\(lerp(motion.from.y, motion.to.y))*\(scaledHeight)-\(height)/2))"
        let hold = "loop=loop=\(max(0, frames - 1)):size=1,settb=1/\(frameRate),setpts=N,fps=\(frameRate)"
        // exact: the view moves by single pixels, not by the two that chroma subsampling would round it to.
        let crop = "crop=\(width):\(height):x=\(Self.escape(x)):y=\(Self.escape(y)):exact=1,setsar=1"
        if fromZoom == toZoom {
            let size = "\(Int((Double(width) * fromZoom).rounded())):\(Int((Double(height) * fromZoom).rounded()))"
            return "scale=\(size),\(hold),\(crop)"
        }
        // Nothing may sit between this scale and the crop: a filter in between would keep announcing the first
        // frame's size, and the crop would clamp the view to it.
        return "\(hold),scale=w=\(Self.escape(scaledWidth)):h=\(Self.escape(scaledHeight)):eval=frame,\(crop)"
    }

    /// The filters that make the scrims' mask, labelled `label`: a yuv420p frame whose every plane holds how
    /// far maskedmerge takes each row towards black (out of 256). Nil when no row is shaded.
    /// The mask is one pixel wide and stretched, so ffmpeg evaluates its expression for one column only.
    func shadeMask(_ shading: [Double], label: String) -> [String]? {
        let levels = shading.map { min(255, Int(($0 * 256).rounded())) }
        guard levels.contains(where: { $0 > 0 }) else { return nil }
        var expression = String(levels[0])
        for row in levels.indices.dropFirst() where levels[row] != levels[row - 1] {
            let step = levels[row] - levels[row - 1]
            expression += "\(step < 0 ? "-" : "+")\(abs(step))*gte(Y,\(row))"
        }
        return [
            "color=c=black:s=1x\(height):r=1:d=1,format=gray,geq=lum=\(Self.escape(expression)),"
                + "scale=\(width):\(height):flags=neighbor,split[\(label)_luma][\(label)_chroma]",
            "[\(label)_chroma]scale=\(width / 2):\(height / 2):flags=area,split[\(label)_u][\(label)_v]",
            "[\(label)_luma][\(label)_u][\(label)_v]mergeplanes=0x001020:yuv420p[\(label)]",
        ]
    }

    /// Every line of words the video shows, as drawn (wrapped, with its weight), for choosing fonts.
    func lines(of listing: VideoListing) -> [FontLine] {
        listing.scenes.flatMap { scene in
            layOut(scene.overlays, onCard: scene.kind == .card, look: listing.look).lines.map { FontLine(text: $0.text, bold: $0.bold) }
        }
    }

    // MARK: Layout

    struct Line {
        var text: String
        var size: Int
        var bold: Bool
        var color: String
        var top: Int
        var box: (color: String, border: Int)?
    }

    struct Layout {
        var lines: [Line] = []
        /// Dark bands behind words; `fadesDown` true: darkest at the top (a top band), false: darkest at the bottom, nil: flat.
        var scrims: [(top: Int, height: Int, opacity: String, fadesDown: Bool?)] = []
        var logo: (media: MediaReference, width: Int, height: Int, top: Int)?
    }

    /// Places the overlays of a scene: top ones from the top down, bottom ones from the bottom up (above
    /// the band short-video apps cover with their own buttons), centre ones around the middle.
    func layOut(_ overlays: [ListingOverlay], onCard: Bool, look: ListingLook) -> Layout {
        var layout = Layout()
        let textColor = onCard ? look.ink : look.text
        let gap = Int(30 * unit)

        // Each overlay as a block of lines with heights relative to its own top.
        struct Block { var lines: [Line]; var height: Int; var logo: (MediaReference, Int, Int)? }
        func block(_ overlay: ListingOverlay) -> Block {
            func lines(_ text: String, size: Double, bold: Bool, color: String, maxLines: Int, box: (String, Int)? = nil) -> [Line] {
                let pixels = Int(size * unit)
                let padding = box.map { Int(Double($0.1) * unit) } ?? 0
                let perLine = max(8, Int((Double(width) * 0.84 - 2 * Double(padding)) / (Double(pixels) * 0.56)))
                return Self.wrap(text, width: perLine, maxLines: maxLines).map { Line(text: $0, size: pixels, bold: bold, color: color, top: 0,
                                                                                    box: box.map { ($0.0, padding) }) }
            }
            var result: [Line]
            switch overlay.kind {
            case .logo:
                let (w, h) = (Int(Double(width) * 0.46), Int(170 * unit))
                return Block(lines: [], height: h, logo: overlay.link.flatMap { if case .media(let m) = $0 { (m, w, h) } else { nil } })
            case .title: result = lines(overlay.text, size: onCard ? 70 : 76, bold: true, color: textColor, maxLines: 3)
            case .text: result = lines(overlay.text, size: 40, bold: false, color: textColor, maxLines: 2)
            case .highlight: result = lines(overlay.text, size: 60, bold: true, color: textColor, maxLines: 4)
            case .price:
                result = lines(overlay.text, size: 96, bold: true, color: overlay.was == nil ? textColor : (onCard ? look.sale : textColor), maxLines: 1)
                if let was = overlay.was { result += lines("Was \(was)", size: 46, bold: false, color: textColor, maxLines: 1) }
            case .availability:
                let color = overlay.availability == .outOfStock ? look.sale : look.accent
                result = lines(overlay.text, size: 40, bold: true, color: look.text, maxLines: 1, box: (color, 16))
            case .cta: result = lines(overlay.text, size: 40, bold: true, color: look.text, maxLines: 2, box: (look.accent, 28))
            }
            var top = 0
            for index in result.indices {
                let padding = result[index].box?.border ?? 0
                result[index].top = top + padding
                top += Int(Double(result[index].size) * 1.28) + 2 * padding
            }
            return Block(lines: result, height: top, logo: nil)
        }

        for position in ListingOverlay.Position.allCases {
            let blocks = overlays.filter { $0.position == position }.map(block)
            guard !blocks.isEmpty else { continue }
            let total = blocks.reduce(0) { $0 + $1.height } + gap * (blocks.count - 1)
            let safeBottom = format == .vertical ? 0.78 : 0.9
            var top: Int
            switch position {
            case .top: top = Int(Double(height) * (format == .vertical ? 0.1 : 0.08))
            case .center: top = (height - total) / 2
            case .bottom: top = Int(Double(height) * safeBottom) - total
            }
            let scrimPadding = Int(90 * unit)
            switch position {
            case .top: layout.scrims.append((0, top + total + 2 * scrimPadding, "0.4", true))
            case .center: layout.scrims.append((max(0, top - scrimPadding), total + 2 * scrimPadding, "0.35", nil))
            case .bottom:
                let scrimTop = max(0, top - 2 * scrimPadding)
                layout.scrims.append((scrimTop, height - scrimTop, "0.6", false))
            }
            for block in blocks {
                if let logo = block.logo { layout.logo = (logo.0, logo.1, logo.2, top) }
                layout.lines += block.lines.map { var line = $0; line.top += top; return line }
                top += block.height + gap
            }
        }
        return layout
    }

    /// How dark each row of a `height`-row frame is under the scrims, from 0 (untouched) to 1 (black): the
    /// scrims' bands laid over one another.
    static func shading(_ scrims: [(top: Int, height: Int, opacity: String, fadesDown: Bool?)], height: Int) -> [Double] {
        var clear = [Double](repeating: 1, count: height)
        for band in scrims.flatMap(gradient) {
            let (first, end) = (max(0, band.top), min(height, band.top + band.height))
            guard first < end else { continue }
            for row in first..<end { clear[row] *= 1 - band.opacity }
        }
        return clear.map { 1 - $0 }
    }

    /// A scrim as bands whose darkness ramps up towards the words in 16 steps (one band per step, each
    /// covering those before it, so they read as one): the ramp is on the side facing the picture's middle.
    static func gradient(_ scrim: (top: Int, height: Int, opacity: String, fadesDown: Bool?)) -> [(top: Int, height: Int, opacity: Double)] {
        let full = Double(scrim.opacity) ?? 0.4
        guard let fadesDown = scrim.fadesDown else { return [(scrim.top, scrim.height, full)] }
        let steps = 16
        let ramp = scrim.height / 2
        var bands: [(top: Int, height: Int, opacity: Double)] = []
        // Each band adds to those before it, so its own opacity is the step needed to reach the ramp's level.
        var reached = 0.0
        for step in 0..<steps {
            let target = full * Double(step + 1) / Double(steps)
            let alpha = 1 - (1 - target) / (1 - reached)
            reached = target
            let offset = ramp * step / steps
            let height = scrim.height - offset
            bands.append((fadesDown ? scrim.top + scrim.height - offset - height : scrim.top + offset, height, max(0, alpha)))
        }
        return bands
    }

    /// Greedy word wrap to `width` characters; a word longer than a line is cut, text beyond `maxLines` ends in "…".
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ").map(String.init) {
            var word = word
            while word.count > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if current.isEmpty { current = word } else if current.count + 1 + word.count <= width { current += " " + word } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = String(lines[maxLines - 1].prefix(width - 1)) + "…"
        }
        return lines
    }

    // MARK: ffmpeg syntax

    /// `#2f5b45` → `0x2f5b45`.
    static func color(_ hex: String) -> String { "0x" + hex.dropFirst() }

    /// A filter option value, escaped for the option parser (`:`) and then for the graph (`,;[]`), so
    /// paths and expressions pass through whatever they hold.
    static func escape(_ value: String) -> String {
        var option = ""
        for character in value {
            if "\\':".contains(character) { option.append("\\") }
            option.append(character)
        }
        var graph = ""
        for character in option {
            if "\\',;[]".contains(character) { graph.append("\\") }
            graph.append(character)
        }
        return graph
    }
}
