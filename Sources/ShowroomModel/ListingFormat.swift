import ShowroomSupport

/// The output sizes a listing is made for; the video renderer makes the vertical one.
public enum ListingFormat: String, Sendable, CaseIterable {
    case vertical, square, landscape

    public var aspectRatio: String {
        switch self {
        case .vertical: "9:16"
        case .square: "1:1"
        case .landscape: "16:9"
        }
    }

    public var size: (width: Int, height: Int) {
        switch self {
        case .vertical: (1080, 1920)
        case .square: (1080, 1080)
        case .landscape: (1920, 1080)
        }
    }

    /// `listing-9x16.mp4`.
    public var videoFileName: String { "listing-\(aspectRatio.replacingOccurrences(of: ":", with: "x")).mp4" }
}
