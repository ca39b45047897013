import Foundation
import ZIPFoundation

/// The zip file data.police.uk hands out: a folder per month holding each force's files.
/// Only the street-level files are taken; outcomes and stop-and-search files are left.
enum PoliceUKZip {
    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    /// The most a zip may unpack to. A national year is about 1.5 GB; a zip that claims more,
    /// or inflates past what it claims, is refused rather than allowed to fill the disk.
    static let unpackedLimit: UInt64 = 8 * 1024 * 1024 * 1024

    /// Writes each `*-street.csv` in the zip into `folder` under its own name; returns how many.
    @discardableResult
    static func extractStreetFiles(from zip: URL, into folder: URL) throws -> Int {
        let archive: Archive
        do {
            archive = try Archive(url: zip, accessMode: .read)
        } catch {
            throw Refused(description: "\(zip.lastPathComponent) is not a zip file that can be opened")
        }
        var written: UInt64 = 0
        var count = 0
        for entry in archive where entry.type == .file {
            let name = entry.path.split(separator: "/").last.map(String.init) ?? ""
            guard name.lowercased().hasSuffix("-street.csv") else { continue }
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
            do {
                _ = try archive.extract(entry) { chunk in
                    written += UInt64(chunk.count)
                    guard written <= unpackedLimit else { throw Refused(description: "\(zip.lastPathComponent) unpacks to more than 8 GB") }
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
