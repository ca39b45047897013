import Crypto
import Foundation
import NIOCore

/// The one stylesheet and the one small script every page shares, read once from the build.
package enum SiteAssets {
    package static let stylesheet = asset("site", "css")
    package static let progressScript = asset("progress", "js")
    /// For documents that must stand alone, such as an assessment written to a file.
    package static let stylesheetText = String(buffer: stylesheet)

    /// Each asset's entity tag: a digest of its bytes, so a browser revalidating after its hour
    /// gets a 304 until the file changes.
    package static let stylesheetTag = tag(stylesheet)
    package static let progressScriptTag = tag(progressScript)

    /// The addresses pages link to: each carries its asset's version, so a browser may keep it
    /// for a year and a new build's pages ask for the new bytes at a new address.
    package static let stylesheetHref = Site.stylesheet() + "?v=" + version(stylesheetTag)
    package static let progressScriptHref = Site.progressScript() + "?v=" + version(progressScriptTag)

    /// The tag without its quotes: what a versioned address carries.
    package static func version(_ tag: String) -> String { String(tag.dropFirst().dropLast()) }

    static func tag(_ bytes: ByteBuffer) -> String {
        "\"" + Secrets.hex(SHA256.hash(data: Data(bytes.readableBytesView)).prefix(12)) + "\""
    }

    private static func asset(_ name: String, _ type: String) -> ByteBuffer {
        let url = Bundle.module.url(forResource: name, withExtension: type, subdirectory: "Assets")!
        return ByteBuffer(data: (try? Data(contentsOf: url)) ?? Data())
    }
}
