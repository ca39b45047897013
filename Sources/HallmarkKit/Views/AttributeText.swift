/// Plot escapes text content but writes attribute values exactly as given, so a quote in a
/// typed name could end the attribute and start another. Every value that came from a
/// person passes through here on its way into an attribute.
package enum AttributeText {
    /// By code point, not by character: a "<" or quote that joins the mark before or after it
    /// into one character (U+0600 then "<", a quote then U+0301) is still markup to HTML.
    package static func escape(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
