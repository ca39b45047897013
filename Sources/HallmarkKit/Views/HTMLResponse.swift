import Crypto
import Foundation
import Hummingbird

/// A rendered page as a response.
package struct HTMLResponse: ResponseGenerator {
    package let html: String
    package var status: HTTPResponse.Status = .ok

    package init(_ html: String, status: HTTPResponse.Status = .ok) {
        self.html = html
        self.status = status
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        if let policy = ContentSecurityPolicy.allowingStyles(of: html) { headers[.init(ContentSecurityPolicy.header)!] = policy }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: titled)))
    }

    /// A form sent back with problems says so first in its title, which a screen reader reads
    /// before anything else on the page (as GOV.UK's pattern does).
    var titled: String {
        guard status == .unprocessableContent, let title = html.range(of: "<title>"), !html[title.upperBound...].hasPrefix("Error: ") else { return html }
        return html.replacingCharacters(in: title, with: "<title>Error: ")
    }
}

/// Pages take their styles from the stylesheet; a document that must stand alone (the
/// assessment, saved and printed) carries its own `<style>`, allowed by its exact hash and
/// nothing else, so the policy stays as strict as a page's.
package enum ContentSecurityPolicy {
    package static let header = "Content-Security-Policy"

    package static func policy(styles: String) -> String {
        "default-src 'self'; style-src \(styles); img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"
    }

    package static let standard = policy(styles: "'self'")

    /// The policy for a page with inline `<style>` elements, or nil when it has none. Searched as
    /// bytes: every page passes through here, and Foundation's search of a String copies it as
    /// UTF-16 first.
    package static func allowingStyles(of html: String) -> String? {
        var html = html
        let hashes = html.withUTF8 { page -> [String] in
            var hashes: [String] = []
            var from = 0
            while let open = find("<style>", in: page, from: from), let close = find("</style>", in: page, from: open + 7) {
                let text = Data(UnsafeBufferPointer(rebasing: page[(open + 7)..<close]))
                hashes.append("'sha256-" + Data(SHA256.hash(data: text)).base64EncodedString() + "'")
                from = close + 8
            }
            return hashes
        }
        return hashes.isEmpty ? nil : policy(styles: (["'self'"] + hashes).joined(separator: " "))
    }

    /// Where `needle` (two bytes or more) first starts in `bytes` at or after `from`. Sixteen
    /// places are tried at once, and the rest of the needle compared only where its first two
    /// bytes match: a byte at a time, this search was a twentieth of a register page's cost.
    package static func find(_ needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let wanted = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        precondition(wanted.count >= 2, "a needle of two bytes or more")
        let (first, second) = (SIMD16<UInt8>(repeating: wanted[0]), SIMD16<UInt8>(repeating: wanted[1]))
        let raw = UnsafeRawBufferPointer(bytes)
        let matches = { (at: Int) in at + wanted.count <= bytes.count && UnsafeBufferPointer(rebasing: bytes[at..<(at + wanted.count)]).elementsEqual(wanted) }
        var at = max(from, 0)
        while at + 17 <= bytes.count {
            let starts =
                (raw.loadUnaligned(fromByteOffset: at, as: SIMD16<UInt8>.self) .== first)
                .& (raw.loadUnaligned(fromByteOffset: at + 1, as: SIMD16<UInt8>.self) .== second)
            if any(starts), let i = (0..<16).first(where: { starts[$0] && matches(at + $0) }) { return at + i }
            at += 16
        }
        while at + wanted.count <= bytes.count {
            if matches(at) { return at }
            at += 1
        }
        return nil
    }
}

/// After a successful form: "see other", so that reloading the page does not send it twice.
package func redirect(to path: String) -> Response {
    Response(status: .seeOther, headers: [.location: path])
}
