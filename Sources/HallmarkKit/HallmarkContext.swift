import HallmarkDomain
import HallmarkStore
import Hummingbird

/// What a request carries through the routes: who is asking (if anyone), their browser
/// session, and the submitted form fields once the CSRF check has read them.
public struct HallmarkContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var visitor: Visitor?
    public var session: Session?
    /// A raw session token made during this request, to be sent back as a cookie.
    package var issuedSessionToken: String?
    /// The fields of a submitted form (`application/x-www-form-urlencoded`).
    public var form: [String: String] = [:]
    /// The form's field names in the order it sent them.
    public var formOrder: [String] = []
    /// The change count as the session was read (see `ChangeCount`): what any cache answering
    /// this request must be current with.
    package var changes: Int64?
    /// The count at which this request may read what a server keeps of the stored state, such as
    /// the register (`RegisterAsStored`): a request that only reads (GET, HEAD) has one; one
    /// that writes reads the database itself, so that it sees its own change.
    package var readsKeptAt: Int64?
    /// What the page says was just saved (see `Notice`).
    package var notice: Notice?

    /// The connecting address, for limiting repeated sign-in attempts.
    public let clientAddress: String

    public init(source: Source) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Forms are small: a megabyte is already generous for the register's pages.
    public var maxUploadSize: Int { 1024 * 1024 }

    package var csrfToken: String { session?.csrfToken ?? "" }
}

/// A signed-in user and the partnerships they may see.
public struct Visitor: Sendable {
    public let user: User
    public let scope: PartnershipScope

    package init(user: User, scope: PartnershipScope) {
        self.user = user
        self.scope = scope
    }

    public var author: ChangeAuthor { ChangeAuthor(userID: user.id, label: "\(user.name) <\(user.email)>") }
}

/// Why a request was refused. The error middleware turns these into a page or a JSON body.
package enum AccessRefused: Error {
    /// Nobody is signed in.
    case signInRequired
    /// Signed in, but their role does not allow this.
    case forbidden
    /// The thing does not exist, or belongs to a partnership the visitor cannot see:
    /// the two look the same from outside, so that ids of other partnerships reveal nothing.
    case notFound
}

/// A form arrived without this browser's CSRF token: it may have been sent by another site.
package struct CSRFRefused: Error {
    package init() {}
}

extension HallmarkContext {
    package func signedIn() throws(AccessRefused) -> Visitor {
        guard let visitor else { throw .signInRequired }
        return visitor
    }

    package func layout(_ title: String, _ breadcrumbs: [(label: String, href: String)] = []) -> Layout {
        Layout(title: title, visitor: visitor, csrfToken: csrfToken, breadcrumbs: breadcrumbs, notice: notice)
    }

    @discardableResult
    package func require(_ permission: Permission) throws(AccessRefused) -> Visitor {
        let visitor = try signedIn()
        guard visitor.user.role.may(permission) else { throw .forbidden }
        return visitor
    }

    /// The visitor, if they may do this to this partnership. Out of scope is "not found".
    @discardableResult
    package func require(_ permission: Permission, in partnershipID: RecordID<Partnership>) throws(AccessRefused) -> Visitor {
        let visitor = try signedIn()
        guard visitor.scope.contains(partnershipID) else { throw .notFound }
        guard visitor.user.role.may(permission) else { throw .forbidden }
        return visitor
    }

    /// A numeric id from the path, written as the links write it; anything else (a sign, a
    /// leading zero) is simply not found, so that each page has one address to cache.
    package func id(_ name: String) throws(AccessRefused) -> Int64 {
        guard let raw = parameters.get(name), let id = Int64(raw), id > 0, String(id) == raw else { throw .notFound }
        return id
    }

    /// A record's id from the path, typed by the record it names; anything else is not found.
    package func id<Record>(_ name: String) throws(AccessRefused) -> RecordID<Record> {
        RecordID(try id(name))
    }
}
