import ShowroomModel

/// One resized, re-encoded copy of a picture.
public struct ImageRendition: Sendable, Equatable {
    public var format: ImageFormat
    /// Its real pixels.
    public var width: Int
    public var height: Int
    /// Where the site serves it (`/img/…`).
    public var sitePath: String

    public init(format: ImageFormat, width: Int, height: Int, sitePath: String) {
        self.format = format
        self.width = width
        self.height = height
        self.sitePath = sitePath
    }

    var media: MediaReference { MediaReference(String(sitePath.dropFirst())) }
}

/// What the images step learned and made of one picture of the content.
public struct ProcessedImage: Sendable, Equatable {
    /// The original's size, upright (its EXIF orientation applied).
    public var width: Int
    public var height: Int
    /// Every format's renditions, formats in order of preference and widths ascending; empty for a picture
    /// served as it is (SVG, GIF), of which only the size is known.
    public var renditions: [ImageRendition]
    /// The crop link previews show (Open Graph), when there are renditions.
    public var socialCard: ImageRendition?

    public init(width: Int, height: Int, renditions: [ImageRendition] = [], socialCard: ImageRendition? = nil) {
        self.width = width
        self.height = height
        self.renditions = renditions
        self.socialCard = socialCard
    }

    /// The format every reader takes: PNG when the picture has transparency, JPEG otherwise.
    public var fallbackFormat: ImageFormat? { renditions.last.map(\.format) }

    public func renditions(in format: ImageFormat) -> [ImageRendition] { renditions.filter { $0.format == format } }

    /// The modern formats offered before the fallback (`<source>` elements).
    public var preferredFormats: [ImageFormat] {
        var formats: [ImageFormat] = []
        for rendition in renditions where rendition.format != fallbackFormat && !formats.contains(rendition.format) { formats.append(rendition.format) }
        return formats
    }

    /// The fallback an `<img src>` names: the first at least `width` wide (a 2× phone's full width by
    /// default), or the largest. Browsers that read `srcset` choose for themselves.
    public func fallback(atLeast width: Int = 720) -> ImageRendition? {
        let fallbacks = fallbackFormat.map(renditions(in:)) ?? []
        return fallbacks.first { $0.width >= width } ?? fallbacks.last
    }

    /// The largest fallback: what feeds and structured data point at (JPEG or PNG, which every
    /// marketplace fetches, as large as the original allows up to the largest width).
    public var largestFallback: ImageRendition? { fallbackFormat.flatMap { renditions(in: $0).last } }

    public func srcset(_ format: ImageFormat, links: SiteLinks) -> String {
        renditions(in: format).map { "\(links.href($0.sitePath)) \($0.width)w" }.joined(separator: ", ")
    }
}

/// The images step's result, by the content's media path (`media/boot.jpg`): pages, feeds and
/// structured data point at renditions through it, and the writer copies `files` into the site.
public struct RenderedImages: Sendable, Equatable {
    public var images: [String: ProcessedImage]
    /// For each site path a rendition occupies, the file (in the image cache) that holds its bytes.
    public var files: [String: String]

    public init(images: [String: ProcessedImage] = [:], files: [String: String] = [:]) {
        self.images = images
        self.files = files
    }

    public func processed(_ media: MediaReference) -> ProcessedImage? { media.isRemote ? nil : images[media.path] }

    /// What feeds, JSON-LD and sitemaps name: the largest JPEG/PNG rendition, or the file as the content has it.
    public func shareable(_ media: MediaReference) -> MediaReference {
        processed(media)?.largestFallback?.media ?? media
    }

    /// What a link preview shows (Open Graph): the 1200×630 crop, or the shareable picture.
    public func socialCard(_ media: MediaReference) -> MediaReference {
        processed(media)?.socialCard?.media ?? shareable(media)
    }

    /// The pixels of what `socialCard` names, when the build made it.
    public func socialCardSize(_ media: MediaReference) -> (width: Int, height: Int)? {
        processed(media)?.socialCard.map { ($0.width, $0.height) }
    }

    /// A single picture where no `srcset` can be given (a video's poster, a cart line): the fallback at least `width` wide.
    public func single(_ media: MediaReference, atLeast width: Int = 720) -> MediaReference {
        processed(media)?.fallback(atLeast: width)?.media ?? media
    }
}
