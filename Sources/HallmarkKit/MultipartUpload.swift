import Foundation
import Hummingbird

/// Reads a `multipart/form-data` body as it arrives, writing each file to a folder, so that an
/// upload of hundreds of megabytes never sits in memory. The first part must be the form's
/// CSRF token, checked before any file is written: the session middleware cannot read it
/// without reading the whole body first.
package struct MultipartUpload {
    package struct Refused: Error, CustomStringConvertible {
        package let description: String

        package init(description: String) {
            self.description = description
        }
    }

    package struct Received {
        package var fields: [String: String] = [:]
        /// Files in the order sent, by their cleaned names, with where each was written.
        package var files: [(name: String, path: URL)] = []

        package init(fields: [String: String] = [:], files: [(name: String, path: URL)] = []) {
            self.fields = fields
            self.files = files
        }
    }

    /// The most a body may hold before its first boundary.
    package static let preambleLimit = 8 * 1024

    package let boundary: [UInt8]
    /// The most the whole body may hold.
    package let limit: Int

    /// What to say when the body is larger than `limit`.
    package var tooLarge: String

    package init?(contentType: String, limit: Int, tooLarge: String? = nil) {
        self.tooLarge = tooLarge ?? "The upload is larger than \(limit / 1_000_000) MB. Import files this large with `hallmark import police-uk` on the server"
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
            let range = contentType.range(of: "boundary=")
        else { return nil }
        var value = contentType[range.upperBound...].split(separator: ";").first.map(String.init) ?? ""
        value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard !value.isEmpty, value.utf8.count <= 70 else { return nil }
        boundary = Array(value.utf8)
        self.limit = limit
    }

    private enum Part {
        case field(name: String, value: [UInt8])
        case file(handle: FileHandle)
        case skipped
    }

    package func receive(
        _ body: some AsyncSequence<ByteBuffer, any Error>, into folder: URL,
        checkToken: (String) throws -> Void
    ) async throws -> Received {
        var received = Received()
        let opening = Array("--".utf8) + boundary
        let delimiter = Array("\r\n--".utf8) + boundary
        var pending: [UInt8] = []
        var total = 0
        var state = 0  // 0: before the first boundary, 1: after a boundary, 2: part headers, 3: part content
        var part = Part.skipped
        var partsSeen = 0
        var preamble = 0

        func finishPart() throws {
            switch part {
            case .field(let name, let value):
                guard let text = String(validating: value, as: UTF8.self) else { throw Refused(description: "The form field \(name) was not UTF-8 text") }
                // startPart has refused a first part that is not the token.
                if partsSeen == 1 { try checkToken(text) }
                received.fields[name] = text
            case .file(let handle):
                try handle.close()
            case .skipped:
                break
            }
            part = .skipped
        }

        func startPart(_ headers: String) throws {
            partsSeen += 1
            let disposition = headers.split(whereSeparator: \.isNewline).first { $0.lowercased().hasPrefix("content-disposition:") }.map(String.init) ?? ""
            let name = Self.parameter("name", in: disposition) ?? ""
            if partsSeen == 1 && (name != "csrf_token" || Self.parameter("filename", in: disposition) != nil) { throw CSRFRefused() }
            if let filename = Self.parameter("filename", in: disposition) {
                guard !filename.isEmpty else { return }  // a file input left empty
                let clean = UploadNames.clean(filename, number: received.files.count + 1)
                let place = folder.appendingPathComponent(String(received.files.count + 1), isDirectory: true)
                try FileManager.default.createDirectory(at: place, withIntermediateDirectories: true)
                let path = place.appendingPathComponent(clean)
                guard FileManager.default.createFile(atPath: path.path, contents: nil) else {
                    throw Refused(description: "The upload could not be written to the server's disk")
                }
                part = .file(handle: try FileHandle(forWritingTo: path))
                received.files.append((clean, path))
            } else {
                part = .field(name: name, value: [])
            }
        }

        func write(_ bytes: ArraySlice<UInt8>) throws {
            switch part {
            case .field(let name, var value):
                guard value.count + bytes.count <= 64 * 1024 else { throw Refused(description: "The form field \(name) is too long") }
                value += bytes
                part = .field(name: name, value: value)
            case .file(let handle):
                try handle.write(contentsOf: Data(bytes))
            case .skipped:
                break
            }
        }

        for try await buffer in body {
            total += buffer.readableBytes
            guard total <= limit else {
                throw Refused(description: tooLarge)
            }
            pending += buffer.readableBytesView
            var progressed = true
            while progressed {
                progressed = false
                switch state {
                case 0:
                    if let at = Self.find(opening, in: pending) {
                        pending.removeSubrange(0..<(at + opening.count))
                        state = 1
                        progressed = true
                    } else {
                        // A browser sends the boundary first; a body without one is not a form,
                        // and is refused after a few kilobytes rather than kept and scanned again.
                        preamble += pending.count - min(pending.count, opening.count - 1)
                        guard preamble <= Self.preambleLimit else { throw Refused(description: "The upload was not a well-formed form") }
                        pending.removeFirst(pending.count - min(pending.count, opening.count - 1))
                    }
                case 1:
                    if pending.count >= 2 {
                        if pending[0] == 0x2D && pending[1] == 0x2D {  // "--": the last boundary
                            guard partsSeen > 0 else { throw CSRFRefused() }
                            return received
                        }
                        guard pending[0] == 0x0D && pending[1] == 0x0A else { throw Refused(description: "The upload was not a well-formed form") }
                        pending.removeSubrange(0..<2)
                        state = 2
                        progressed = true
                    }
                case 2:
                    if let at = Self.find(Array("\r\n\r\n".utf8), in: pending) {
                        try startPart(String(decoding: pending[0..<at], as: UTF8.self))
                        pending.removeSubrange(0..<(at + 4))
                        state = 3
                        progressed = true
                    } else if pending.count > 16 * 1024 {
                        throw Refused(description: "The upload was not a well-formed form")
                    }
                default:
                    if let at = Self.find(delimiter, in: pending) {
                        try write(pending[0..<at])
                        try finishPart()
                        pending.removeSubrange(0..<(at + delimiter.count))
                        state = 1
                        progressed = true
                    } else if pending.count >= delimiter.count {
                        // Keep back what could be the start of the delimiter.
                        let safe = pending.count - delimiter.count + 1
                        try write(pending[0..<safe])
                        pending.removeSubrange(0..<safe)
                    }
                }
            }
        }
        throw Refused(description: "The upload stopped before it was complete")
    }

    /// Where `needle` first starts in `haystack`: memchr finds each candidate first byte, so a
    /// file's content is scanned many bytes at a step.
    package static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        return haystack.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in
                let base = h.baseAddress!
                var start = 0
                let lastStart = h.count - n.count
                while start <= lastStart, let hit = memchr(base + start, Int32(n[0]), lastStart - start + 1) {
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + at, n.baseAddress!, n.count) == 0 { return at }
                    start = at + 1
                }
                return nil
            }
        }
    }

    /// A `name="value"` parameter of a Content-Disposition header.
    package static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix("\(key)=") else { continue }
            return String(trimmed.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

}

/// File names as browsers and zips send them, made safe to write.
public enum UploadNames {
    /// The last part of a sent file name, with anything but ASCII letters, digits, dot, dash and
    /// underscore removed: a name can never reach outside the upload's folder.
    public static func clean(_ raw: String, number: Int = 1) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        let kept = String(last.filter { allowed.contains($0) }).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return kept.isEmpty ? "upload-\(number)" : String(kept.prefix(200))
    }
}

extension MultipartUpload {
    /// A form whose files are small (a spreadsheet's CSV), read whole: written to a scratch
    /// folder as they arrive, read back and the folder removed, whatever happens.
    /// - Parameter csrfToken: the session's token, which the form's first part must carry.
    package func receiveFiles(_ body: some AsyncSequence<ByteBuffer, any Error>, csrfToken: String?) async throws -> (
        fields: [String: String], files: [(name: String, bytes: Data)]
    ) {
        let folder = try ScratchFolder.make("form")
        defer { ScratchFolder.remove(folder) }
        let received = try await receive(body, into: folder) { token in
            guard let csrfToken, Secrets.equal(token, csrfToken) else { throw CSRFRefused() }
        }
        return (received.fields, try received.files.map { ($0.name, try Data(contentsOf: $0.path)) })
    }
}
