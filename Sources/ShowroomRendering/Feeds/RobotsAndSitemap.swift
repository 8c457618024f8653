import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// `robots.txt`, naming the sitemap.
struct RobotsFile {
    let links: SiteLinks

    func render() -> OutputFile {
        OutputFile(path: SiteLinks.outputFile(for: SiteLinks.robots), bytes: Array("User-agent: *\nAllow: /\n\nSitemap: \(links.absolute(SiteLinks.sitemap))\n".utf8))
    }
}
