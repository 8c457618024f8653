/// `robots.txt`, naming the sitemap.
struct RobotsFile {
    let links: SiteLinks

    func render() -> OutputFile {
        OutputFile(path: "robots.txt", bytes: Array("User-agent: *\nAllow: /\n\nSitemap: \(links.absolute("/sitemap.xml"))\n".utf8))
    }
}
