import HallmarkDomain
import HallmarkStore
import SQLKit

/// Consultations, their questions and the answers residents send.
package struct ConsultationRepository: Sendable {
    package let store: Store

    package init(store: Store) { self.store = store }

    static func consultation(_ r: any SQLRow) throws -> Consultation {
        Consultation(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), title: try r.column("title"), introduction: try r.column("introduction"),
            opensOn: CalendarDate(try r.column("opens_on"))!, closesOn: CalendarDate(try r.column("closes_on"))!, closed: try r.column("closed", Int.self) != 0,
            onePerDevice: try r.column("one_per_device", Int.self) != 0, droppedHoneypot: try r.column("dropped_honeypot"), droppedTooFast: try r.column("dropped_too_fast"))
    }

    static func question(_ r: any SQLRow) throws -> ConsultationQuestion {
        let options: String = try r.column("options")
        return ConsultationQuestion(
            id: try r.column("id"), consultationID: try r.column("consultation_id"), position: try r.column("position"),
            kind: QuestionKind(rawValue: try r.column("kind")) ?? .text, text: try r.column("text"),
            options: options.isEmpty ? [] : options.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    package func consultations(of partnershipID: RecordID<Partnership>) async throws -> [Consultation] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM consultations WHERE partnership_id = \(bind: partnershipID) ORDER BY opens_on DESC, id DESC").all().map(Self.consultation)
        }
    }

    package func consultation(_ id: RecordID<Consultation>, in partnershipID: RecordID<Partnership>) async throws -> Consultation? {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM consultations WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)").first().map(Self.consultation)
        }
    }

    package func add(
        _ f: (title: String, introduction: String, opensOn: CalendarDate, closesOn: CalendarDate, onePerDevice: Bool), to partnershipID: RecordID<Partnership>,
        by author: ChangeAuthor
    ) async throws -> Consultation {
        try await store.transaction { db in
            try await Self.refuseTitleInUse(f.title, in: partnershipID, db)
            let added = try Self.consultation(
                try await db.raw(
                    """
                    INSERT INTO consultations (partnership_id, title, introduction, opens_on, closes_on, one_per_device)
                    VALUES (\(bind: partnershipID), \(bind: f.title), \(bind: f.introduction), \(bind: f.opensOn.iso), \(bind: f.closesOn.iso), \(bind: f.onePerDevice ? 1 : 0))
                    RETURNING *
                    """
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "consultation", id: added.id, partnership: partnershipID, after: added)
            return added
        }
    }

    /// A title another of the partnership's consultations has, in any capitals, is refused.
    private static func refuseTitleInUse(
        _ title: String, in partnershipID: RecordID<Partnership>, except id: RecordID<Consultation>? = nil, _ db: any SQLDatabase
    ) async throws {
        let other = try await db.raw(
            "SELECT id FROM consultations WHERE partnership_id = \(bind: partnershipID) AND LOWER(title) = LOWER(\(bind: title)) AND id <> \(bind: id?.rawValue ?? 0)"
        ).first()
        if other != nil { throw ValidationFailure(field: "title", message: "There is already a consultation called “\(title)”") }
    }

    /// The consultation as the transaction finds it, locked, and only while it has not opened:
    /// once it opens its questions and details stay as they are, so that every answer meets the
    /// same ones.
    private func lockedBeforeOpening(_ c: Consultation, today: CalendarDate, _ db: any SQLDatabase) async throws -> Consultation {
        guard
            let now = try await db.raw(
                "SELECT * FROM consultations WHERE id = \(bind: c.id) AND partnership_id = \(bind: c.partnershipID)\(unsafeRaw: store.rowLock)"
            ).first().map(Self.consultation)
        else { throw StoreError.notFound("Consultation \(c.id)") }
        guard now.changeable(on: today) else { throw ValidationFailure(field: "form", message: Self.opened(now)) }
        return now
    }

    /// Why an opened consultation can no longer change.
    package static func opened(_ c: Consultation) -> String {
        (c.closed ? "The consultation ran from \(c.opensOn.long) to \(c.closesOn.long)" : "The consultation opened on \(c.opensOn.long)")
            + ": its details and questions can no longer change, so that every answer meets the same ones"
    }

    /// Changes a consultation's details before it opens.
    package func update(
        _ c: Consultation, to f: (title: String, introduction: String, opensOn: CalendarDate, closesOn: CalendarDate, onePerDevice: Bool), today: CalendarDate,
        by author: ChangeAuthor
    ) async throws {
        try await store.transaction { db in
            let before = try await lockedBeforeOpening(c, today: today, db)
            try await Self.refuseTitleInUse(f.title, in: c.partnershipID, except: c.id, db)
            try await db.raw(
                """
                UPDATE consultations SET title = \(bind: f.title), introduction = \(bind: f.introduction), opens_on = \(bind: f.opensOn.iso),
                    closes_on = \(bind: f.closesOn.iso), one_per_device = \(bind: f.onePerDevice ? 1 : 0)
                WHERE id = \(bind: c.id)
                """
            ).run()
            var after = before
            (after.title, after.introduction, after.opensOn, after.closesOn, after.onePerDevice) = (f.title, f.introduction, f.opensOn, f.closesOn, f.onePerDevice)
            try await AuditLog.record(db, by: author, .update, "consultation", id: c.id, partnership: c.partnershipID, before: before, after: after)
        }
    }

    /// Withdraws a consultation before it opens: it and its questions are removed. No resident
    /// can have answered it, since the public site shows nothing before the first day.
    package func withdraw(_ c: Consultation, today: CalendarDate, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            let before = try await lockedBeforeOpening(c, today: today, db)
            let questions = try await Self.questions(of: c.id, db)
            try await db.raw("DELETE FROM consultation_questions WHERE consultation_id = \(bind: c.id)").run()
            try await db.raw("DELETE FROM consultations WHERE id = \(bind: c.id)").run()
            for q in questions {
                try await AuditLog.record(db, by: author, .delete, "consultation question", id: q.id, partnership: c.partnershipID, before: q)
            }
            try await AuditLog.record(db, by: author, .delete, "consultation", id: c.id, partnership: c.partnershipID, before: before)
        }
    }

    package func questions(of id: RecordID<Consultation>) async throws -> [ConsultationQuestion] {
        try await store.withConnection { db in try await Self.questions(of: id, db) }
    }

    static func questions(of id: RecordID<Consultation>, _ db: any SQLDatabase) async throws -> [ConsultationQuestion] {
        try await db.raw("SELECT * FROM consultation_questions WHERE consultation_id = \(bind: id) ORDER BY position, id").all().map(Self.question)
    }

    /// Adds a question at the end, only before the consultation opens: answers already given
    /// would not have seen it.
    package func addQuestion(
        _ f: (kind: QuestionKind, text: String, options: [String]), to c: Consultation, today: CalendarDate, by author: ChangeAuthor
    ) async throws -> ConsultationQuestion {
        try await store.transaction { db in
            _ = try await lockedBeforeOpening(c, today: today, db)
            let next = try await db.raw("SELECT COUNT(*) AS n FROM consultation_questions WHERE consultation_id = \(bind: c.id)").first()!.column("n", Int.self) + 1
            let added = try Self.question(
                try await db.raw(
                    """
                    INSERT INTO consultation_questions (consultation_id, position, kind, text, options)
                    VALUES (\(bind: c.id), \(bind: next), \(bind: f.kind.rawValue), \(bind: f.text), \(bind: f.options.joined(separator: "\n"))) RETURNING *
                    """
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "consultation question", id: added.id, partnership: c.partnershipID, after: added)
            return added
        }
    }

    /// The question, if it is one of the consultation's.
    package func question(_ id: RecordID<ConsultationQuestion>, of c: Consultation) async throws -> ConsultationQuestion? {
        try await questions(of: c.id).first { $0.id == id }
    }

    /// One of the consultation's questions, as the transaction finds it; refused if it is gone.
    private static func question(_ id: RecordID<ConsultationQuestion>, of c: Consultation, _ db: any SQLDatabase) async throws -> ConsultationQuestion {
        guard let question = try await questions(of: c.id, db).first(where: { $0.id == id }) else {
            throw ValidationFailure(field: "question", message: "That question is no longer on this consultation: it may have been taken off already")
        }
        return question
    }

    /// Changes a question before the consultation opens; it keeps its place.
    package func updateQuestion(
        _ id: RecordID<ConsultationQuestion>, of c: Consultation, to f: (kind: QuestionKind, text: String, options: [String]), today: CalendarDate,
        by author: ChangeAuthor
    ) async throws {
        try await store.transaction { db in
            _ = try await lockedBeforeOpening(c, today: today, db)
            let before = try await Self.question(id, of: c, db)
            try await db.raw(
                """
                UPDATE consultation_questions SET kind = \(bind: f.kind.rawValue), text = \(bind: f.text), options = \(bind: f.options.joined(separator: "\n"))
                WHERE id = \(bind: id)
                """
            ).run()
            var after = before
            (after.kind, after.text, after.options) = (f.kind, f.text, f.options)
            try await AuditLog.record(db, by: author, .update, "consultation question", id: id, partnership: c.partnershipID, before: before, after: after)
        }
    }

    /// Takes a question off before the consultation opens; those after it move up a place.
    package func removeQuestion(_ id: RecordID<ConsultationQuestion>, of c: Consultation, today: CalendarDate, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            _ = try await lockedBeforeOpening(c, today: today, db)
            let before = try await Self.question(id, of: c, db)
            try await db.raw("DELETE FROM consultation_questions WHERE id = \(bind: id)").run()
            for (n, q) in try await Self.questions(of: c.id, db).enumerated() where q.position != n + 1 {
                try await db.raw("UPDATE consultation_questions SET position = \(bind: n + 1) WHERE id = \(bind: q.id)").run()
                try await AuditLog.record(
                    db, by: author, .update, "consultation question", id: q.id, partnership: c.partnershipID, before: ["position": q.position],
                    after: ["position": n + 1])
            }
            try await AuditLog.record(db, by: author, .delete, "consultation question", id: id, partnership: c.partnershipID, before: before)
        }
    }

    /// A resident's response, all its answers or none. Not audited by person: there is none.
    package func respond(
        _ answers: [RecordID<ConsultationQuestion>: (choices: [Int], text: String)], to c: Consultation, on day: CalendarDate
    ) async throws {
        try await store.transaction { db in
            let response = try await db.raw(
                "INSERT INTO consultation_responses (consultation_id, received_on) VALUES (\(bind: c.id), \(bind: day.iso)) RETURNING id"
            ).first()!.column("id", Int64.self)
            for (question, answer) in answers.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                try await db.raw(
                    """
                    INSERT INTO consultation_answers (response_id, question_id, choices, text)
                    VALUES (\(bind: response), \(bind: question), \(bind: answer.choices.map(String.init).joined(separator: ",")), \(bind: answer.text))
                    """
                ).run()
            }
        }
    }

    /// Counts an answer the spam checks dropped, in one statement.
    package func dropped(_ c: Consultation, honeypot: Bool) async throws {
        try await store.withConnection { db in
            let column = honeypot ? "dropped_honeypot" : "dropped_too_fast"
            try await db.raw("UPDATE consultations SET \(unsafeRaw: column) = \(unsafeRaw: column) + 1 WHERE id = \(bind: c.id)").run()
        }
    }

    package func responses(to c: Consultation) async throws -> Int {
        try await store.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM consultation_responses WHERE consultation_id = \(bind: c.id)").first()!.column("n", Int.self)
        }
    }

    /// Each question's results.
    package func results(of c: Consultation) async throws -> [QuestionResult] {
        let questions = try await questions(of: c.id)
        return try await store.withConnection { db in
            var results: [QuestionResult] = []
            for q in questions {
                let rows = try await db.raw("SELECT id, choices, text, theme FROM consultation_answers WHERE question_id = \(bind: q.id) ORDER BY theme, text, id").all()
                if q.kind == .text {
                    let texts = try rows.map { (try $0.column("id", Int64.self), try $0.column("text", String.self), try $0.column("theme", String.self)) }
                    results.append(QuestionResult(question: q, answered: texts.count, choices: [], texts: texts))
                } else {
                    let answers = try rows.map { try $0.column("choices", String.self).split(separator: ",").compactMap { Int($0) } }
                    results.append(QuestionResult.tally(q, answers: answers))
                }
            }
            return results
        }
    }

    /// Gives free-text answers their themes, all in one step (audited).
    package func setThemes(_ themes: [Int64: String], of c: Consultation, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            for (answer, theme) in themes.sorted(by: { $0.key < $1.key }) {
                try await db.raw(
                    """
                    UPDATE consultation_answers SET theme = \(bind: theme)
                    WHERE id = \(bind: answer) AND question_id IN (SELECT id FROM consultation_questions WHERE consultation_id = \(bind: c.id))
                    """
                ).run()
            }
            try await AuditLog.record(
                db, by: author, .update, "consultation themes", id: c.id, partnership: c.partnershipID,
                after: Dictionary(uniqueKeysWithValues: themes.map { ("\($0.key)", $0.value) }))
        }
    }

    /// Closes every consultation whose last day has passed; returns how many. The daily job.
    package func closeEnded(today: CalendarDate) async throws -> Int {
        try await store.transaction { db in
            let ended = try await db.raw("SELECT * FROM consultations WHERE closed = 0 AND closes_on < \(bind: today.iso)").all().map(Self.consultation)
            for c in ended {
                try await db.raw("UPDATE consultations SET closed = 1 WHERE id = \(bind: c.id)").run()
                var after = c
                after.closed = true
                try await AuditLog.record(db, by: .system("daily job"), .update, "consultation", id: c.id, partnership: c.partnershipID, before: c, after: after)
            }
            return ended.count
        }
    }
}
