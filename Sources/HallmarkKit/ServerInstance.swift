import Foundation

/// This server process among the instances sharing one database: the name a job pinned to it
/// (an upload whose files are on this machine) is claimed by.
package enum ServerInstance {
    package static let name: String = {
        let host = ProcessInfo.processInfo.hostName
        return "\(host.isEmpty ? "hallmark" : host)-\(getpid())-\(Secrets.token().prefix(8))"
    }()
}
