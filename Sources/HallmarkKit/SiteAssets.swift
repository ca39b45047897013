import Foundation
import NIOCore

/// The one stylesheet and the one small script every page shares, read once from the build.
package enum SiteAssets {
    package static let stylesheet = asset("site", "css")
    package static let progressScript = asset("progress", "js")
    /// For documents that must stand alone, such as an assessment written to a file.
    package static let stylesheetText = String(buffer: stylesheet)

    private static func asset(_ name: String, _ type: String) -> ByteBuffer {
        let url = Bundle.module.url(forResource: name, withExtension: type, subdirectory: "Assets")!
        return ByteBuffer(data: (try? Data(contentsOf: url)) ?? Data())
    }
}
