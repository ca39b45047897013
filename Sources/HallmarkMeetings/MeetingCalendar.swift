import Foundation
import HallmarkDomain

/// Meetings as an iCalendar feed (RFC 5545) that calendar programs subscribe to. Times are
/// written in UK local time with the Europe/London zone named, so that a meeting at 18:00 stays
/// at 18:00 across the change of the clocks.
package enum MeetingCalendar {
    /// - Parameter summary: what each event is called; a feed that mixes partnerships names them.
    package static func ics(name: String, meetings: [Meeting], host: String, summary: (Meeting) -> String = \.title, link: (Meeting) -> String) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hallmark//Meetings//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escape(name), "X-WR-TIMEZONE:Europe/London",
        ]
        lines += timezone
        for m in meetings {
            let day = m.date.iso.replacingOccurrences(of: "-", with: "")
            lines += [
                "BEGIN:VEVENT",
                "UID:meeting-\(m.id)@\(host)",
                "DTSTAMP:" + stamp,
                "DTSTART;TZID=Europe/London:\(day)T\(m.startTime.replacingOccurrences(of: ":", with: ""))00",
                "DTEND;TZID=Europe/London:\(day)T\(m.endTime.replacingOccurrences(of: ":", with: ""))00",
                "SUMMARY:" + escape(summary(m)),
                "STATUS:" + (m.status == .cancelled ? "CANCELLED" : "CONFIRMED"),
            ]
            if let venue = m.venue { lines.append("LOCATION:" + escape(venue)) }
            let description = [m.onlineLink.map { "Join online: \($0)" }, "Agenda and papers: \(link(m))"].compactMap { $0 }.joined(separator: "\n")
            lines.append("DESCRIPTION:" + escape(description))
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The zone's rules, so that programs without a zone database place the times right.
    private static let timezone = [
        "BEGIN:VTIMEZONE", "TZID:Europe/London",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST", "DTSTART:19700329T010000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT", "DTSTART:19701025T020000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    private static var stamp: String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: Date())
    }

    /// Text as iCalendar writes it: backslash, semicolon, comma and line breaks escaped.
    package static func escape(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default:
                // Other control characters have no place in a calendar line.
                if c.properties.generalCategory == .control { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Lines longer than 75 octets are folded, as RFC 5545 requires, never inside a character.
    package static func fold(_ line: String) -> String {
        var out = "", count = 0
        for ch in line {
            let size = String(ch).utf8.count
            if count + size > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(ch)
            count += size
        }
        return out
    }
}
