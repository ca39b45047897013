/// Plot escapes text content but writes attribute values exactly as given, so a quote in a
/// typed name could end the attribute and start another. Every value that came from a
/// person passes through here on its way into an attribute.
package enum AttributeText {
    package static func escape(_ raw: String) -> String {
        var out = ""
        out.reserveCapacity(raw.count)
        for character in raw {
            switch character {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
