import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import SQLKit

/// Papers and board packs, kept in the database with their SHA-256, so that any server can hand
/// them out and none keeps a copy of its own.
package struct PaperRepository: Sendable {
    package let store: Store
    package init(store: Store) { self.store = store }

    static let paperColumns = "p.id, p.item_id, p.title, p.version, p.file_name, p.format, p.size, p.sha256, p.conversion, p.created_at, p.created_by"

    /// Every version of every paper of the meeting, in agenda order, latest version last.
    package func papers(of meetingID: RecordID<Meeting>) async throws -> [Paper] {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Self.paperColumns) FROM papers p JOIN agenda_items i ON i.id = p.item_id
                WHERE i.meeting_id = \(bind: meetingID) ORDER BY i.position, p.title, p.version
                """
            ).all().map { try $0.paper() }
        }
    }

    /// The paper, if it belongs to the meeting.
    package func find(_ id: RecordID<Paper>, of meetingID: RecordID<Meeting>) async throws -> Paper? {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Self.paperColumns) FROM papers p JOIN agenda_items i ON i.id = p.item_id
                WHERE p.id = \(bind: id) AND i.meeting_id = \(bind: meetingID)
                """
            ).first().map { try $0.paper() }
        }
    }

    /// The paper's bytes as uploaded, and its PDF (itself, or converted from Word) if there is one.
    package func content(_ id: RecordID<Paper>) async throws -> (body: Data, pdf: Data?) {
        try await store.withConnection { db in
            guard let row = try await db.raw("SELECT body, pdf FROM papers WHERE id = \(bind: id)").first() else { throw StoreError.notFound("Paper \(id)") }
            return (try row.column("body", Data.self), try row.column("pdf", Data?.self))
        }
    }

    /// Adds a paper, or a new version of one of the same title under the same item. A meeting
    /// that has taken place keeps the papers it had: they cannot be added to or replaced.
    package func add(
        _ upload: PaperUpload, to itemID: RecordID<AgendaItem>, of meetingID: RecordID<Meeting>, in partnershipID: RecordID<Partnership>,
        today: CalendarDate = .today(), by author: ChangeAuthor
    ) async throws -> Paper {
        let dialect = store.dialect
        let digest = Secrets.sha256(upload.bytes)
        return try await store.transaction { db in
            let meeting = try await MeetingRepository.locked(meetingID, in: partnershipID, db, dialect)
            guard today <= meeting.date else {
                throw ValidationFailure(
                    field: "paper", message: "\(meeting.name) has taken place, so its papers are kept as they were and can no longer be added to or replaced")
            }
            guard try await MeetingRepository.item(itemID, of: meetingID, db) != nil else { throw StoreError.notFound("Agenda item \(itemID)") }
            let version =
                try await db.raw("SELECT COALESCE(MAX(version), 0) AS v FROM papers WHERE item_id = \(bind: itemID) AND title = \(bind: upload.title)")
                .first()!.column("v", Int.self) + 1
            let conversion = upload.format == .docx ? "waiting" : "not needed"
            let pdf: Data? = upload.format == .pdf ? upload.bytes : nil
            let paper = try await db.raw(
                """
                INSERT INTO papers (item_id, title, version, file_name, format, size, sha256, body, pdf, conversion, created_at, created_by)
                VALUES (\(bind: itemID), \(bind: upload.title), \(bind: version), \(bind: upload.fileName), \(bind: upload.format.rawValue),
                        \(bind: Int64(upload.bytes.count)), \(bind: digest), \(bind: upload.bytes), \(bind: pdf), \(bind: conversion),
                        \(bind: now()), \(bind: author.label))
                RETURNING id, item_id, title, version, file_name, format, size, sha256, conversion, created_at, created_by
                """
            ).first()!.paper()
            try await Self.agendaChanged(meetingID, db)
            try await AuditLog.record(db, by: author, .create, "paper", id: paper.id, partnership: partnershipID, after: paper)
            return paper
        }
    }

    /// Records how a Word or Excel paper's conversion to PDF ended.
    package func converted(_ id: RecordID<Paper>, pdf: Data?, outcome: String) async throws {
        try await store.transaction { db in
            let partnership = try await db.raw(
                "SELECT m.partnership_id FROM papers p JOIN agenda_items i ON i.id = p.item_id JOIN meetings m ON m.id = i.meeting_id WHERE p.id = \(bind: id)"
            ).first()?.column("partnership_id", Int64.self)
            try await db.raw("UPDATE papers SET pdf = \(bind: pdf), conversion = \(bind: outcome) WHERE id = \(bind: id)").run()
            try await AuditLog.record(
                db, by: .system("paper conversion"), .update, "paper", id: id, partnership: partnership, after: ["conversion": outcome, "pdf_bytes": "\(pdf?.count ?? 0)"])
        }
    }

    // Board packs

    /// How many times the meeting's agenda or papers have changed: a pack printed at an earlier
    /// count is out of date, and the public one is no longer served (an item may since have been
    /// made exempt).
    package func agendaVersion(of meetingID: RecordID<Meeting>) async throws -> Int {
        try await store.withConnection { db in
            try await db.raw("SELECT agenda_version FROM meetings WHERE id = \(bind: meetingID)").first()?.column("agenda_version", Int.self) ?? 0
        }
    }

    /// Counts a change to the agenda or papers, in the transaction that makes it.
    static func agendaChanged(_ meetingID: RecordID<Meeting>, _ db: any SQLDatabase) async throws {
        try await db.raw("UPDATE meetings SET agenda_version = agenda_version + 1 WHERE id = \(bind: meetingID)").run()
    }

    /// The public pack, if one was printed from the agenda as it stands.
    package func currentPublicPack(of meetingID: RecordID<Meeting>) async throws -> BoardPack? {
        let version = try await agendaVersion(of: meetingID)
        return try await packs(of: meetingID).last { $0.audience == .public && $0.agendaVersion == version }
    }

    package func packs(of meetingID: RecordID<Meeting>) async throws -> [BoardPack] {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT id, meeting_id, audience, version, sha256, pages, LENGTH(pdf) AS size, agenda_version, created_at, created_by
                FROM board_packs WHERE meeting_id = \(bind: meetingID) ORDER BY id
                """
            ).all().map { try $0.boardPack() }
        }
    }

    package func packPDF(_ id: RecordID<BoardPack>, of meetingID: RecordID<Meeting>) async throws -> (BoardPack, Data)? {
        try await store.withConnection { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT id, meeting_id, audience, version, sha256, pages, LENGTH(pdf) AS size, agenda_version, created_at, created_by, pdf
                    FROM board_packs WHERE id = \(bind: id) AND meeting_id = \(bind: meetingID)
                    """
                ).first()
            else { return nil }
            return (try row.boardPack(), try row.column("pdf", Data.self))
        }
    }

    /// Keeps a newly printed pack as the next version for its audience.
    package func addPack(
        _ pdf: Data, pages: Int, audience: PackAudience, agendaVersion: Int, for meetingID: RecordID<Meeting>, in partnershipID: RecordID<Partnership>,
        by author: ChangeAuthor
    ) async throws -> BoardPack {
        let digest = Secrets.sha256(pdf)
        return try await store.transaction { db in
            let version =
                try await db.raw(
                    "SELECT COALESCE(MAX(version), 0) AS v FROM board_packs WHERE meeting_id = \(bind: meetingID) AND audience = \(bind: audience.rawValue)"
                ).first()!.column("v", Int.self) + 1
            let pack = try await db.raw(
                """
                INSERT INTO board_packs (meeting_id, audience, version, pdf, sha256, pages, agenda_version, created_at, created_by)
                VALUES (\(bind: meetingID), \(bind: audience.rawValue), \(bind: version), \(bind: pdf), \(bind: digest), \(bind: pages), \(bind: agendaVersion),
                        \(bind: now()), \(bind: author.label))
                RETURNING id, meeting_id, audience, version, sha256, pages, LENGTH(pdf) AS size, agenda_version, created_at, created_by
                """
            ).first()!.boardPack()
            try await AuditLog.record(db, by: author, .create, "board pack", id: pack.id, partnership: partnershipID, after: pack)
            return pack
        }
    }
}

/// A paper as received: its title, the name it was sent under (cleaned), what it is, its bytes.
package struct PaperUpload: Sendable {
    package var title: String
    package var fileName: String
    package var format: PaperFormat
    package var bytes: Data

    package init(title: String, fileName: String, format: PaperFormat, bytes: Data) {
        self.title = title
        self.fileName = fileName
        self.format = format
        self.bytes = bytes
    }
}
