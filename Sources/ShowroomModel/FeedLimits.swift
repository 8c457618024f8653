/// Length limits of the shopping feeds' fields, in Unicode code points, as their specifications set them.
public enum FeedLimits {
    public static let googleMerchantTitle = 150
    public static let googleMerchantDescription = 5000
    public static let metaTitle = 200
    public static let metaDescription = 9999
}
