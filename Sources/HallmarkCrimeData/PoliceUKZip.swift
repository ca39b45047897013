import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import ZIPFoundation

/// The zip file data.police.uk hands out: a folder per month holding each force's files.
/// Only the street-level files are taken; outcomes and stop-and-search files are left.
package enum PoliceUKZip {
    package struct Refused: Error, CustomStringConvertible {
        package let description: String
    }

    /// The most a zip may unpack to from the command line. A national year is about 1.5 GB.
    package static let commandLimit: UInt64 = 64 * 1024 * 1024 * 1024
    /// The most an uploaded zip may unpack to: a few national years' worth of CSV.
    package static let uploadLimit: UInt64 = 4 * 1024 * 1024 * 1024
    /// police.uk's CSV compresses about 5 to 1 (a Leicestershire month: 4.7); a zip that
    /// claims far more than that is not a police.uk download but a bomb.
    package static let maximumRatio: UInt64 = 40

    /// Writes each `*-street.csv` in the zip into `folder` under its own name; returns how many.
    /// The sizes the zip declares are checked before anything is written, and writing stops
    /// the moment an entry inflates past what it declared.
    @discardableResult
    package static func extractStreetFiles(from zip: URL, into folder: URL, limit: UInt64 = commandLimit) throws -> Int {
        let archive: Archive
        do {
            archive = try Archive(url: zip, accessMode: .read)
        } catch {
            throw Refused(description: "\(zip.lastPathComponent) is not a zip file that can be opened")
        }
        let wanted = archive.filter { entry in
            entry.type == .file && (entry.path.split(separator: "/").last.map(String.init) ?? "").lowercased().hasSuffix("-street.csv")
        }
        let declared = wanted.reduce(UInt64(0)) { $0 + $1.uncompressedSize }
        guard declared <= limit else {
            throw Refused(description: "\(zip.lastPathComponent) unpacks to more than \(limit / 1_073_741_824) GB")
        }
        for entry in wanted where entry.uncompressedSize > max(entry.compressedSize, 1) * maximumRatio {
            throw Refused(
                description: "\(zip.lastPathComponent) is not a police.uk download: \(entry.path) claims to unpack to "
                    + "\(entry.uncompressedSize / max(entry.compressedSize, 1)) times its packed size")
        }
        var count = 0
        for entry in wanted {
            let name = entry.path.split(separator: "/").last.map(String.init) ?? ""
            let clean = UploadNames.clean(name, number: count + 1)
            let target = folder.appendingPathComponent(clean)
            guard !FileManager.default.fileExists(atPath: target.path) else {
                throw Refused(description: "\(zip.lastPathComponent) holds \(name) twice")
            }
            guard FileManager.default.createFile(atPath: target.path, contents: nil) else {
                throw Refused(description: "The upload could not be written to the server's disk")
            }
            let handle = try FileHandle(forWritingTo: target)
            defer { try? handle.close() }
            var written: UInt64 = 0
            do {
                _ = try archive.extract(entry) { chunk in
                    written += UInt64(chunk.count)
                    guard written <= entry.uncompressedSize else {
                        throw Refused(description: "\(name) in \(zip.lastPathComponent) unpacks to more than the zip declares: the zip is damaged or forged")
                    }
                    try handle.write(contentsOf: chunk)
                }
            } catch let refused as Refused {
                throw refused
            } catch {
                throw Refused(description: "\(name) in \(zip.lastPathComponent) could not be unpacked: the zip is damaged")
            }
            count += 1
        }
        guard count > 0 else { throw Refused(description: "\(zip.lastPathComponent) holds no police.uk street-level files (names ending -street.csv)") }
        return count
    }
}
