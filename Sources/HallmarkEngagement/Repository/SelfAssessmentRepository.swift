import HallmarkDomain
import HallmarkStore
import SQLKit

/// The self-assessment's rounds, answers and improvement actions. Who answered and what was
/// answered are written apart: what was answered only as the round's totals and comments, which
/// every answer rewrites whole, so that no row says which answer it came from. An anonymous
/// answer keeps no name.
package struct SelfAssessmentRepository: Sendable {
    package let store: Store

    package init(store: Store) { self.store = store }

    static func round(_ r: any SQLRow) throws -> SelfAssessmentRound {
        SelfAssessmentRound(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), title: try r.column("title"), anonymous: try r.column("anonymous", Int.self) != 0,
            closesOn: CalendarDate(try r.column("closes_on"))!, closedEarly: try r.column("closed", Int.self) != 0)
    }

    package func rounds(of partnershipID: RecordID<Partnership>) async throws -> [SelfAssessmentRound] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM hallmark_rounds WHERE partnership_id = \(bind: partnershipID) ORDER BY closes_on DESC, id DESC").all().map(Self.round)
        }
    }

    package func round(_ id: RecordID<SelfAssessmentRound>, in partnershipID: RecordID<Partnership>) async throws -> SelfAssessmentRound? {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM hallmark_rounds WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)").first().map(Self.round)
        }
    }

    package func open(
        title: String, anonymous: Bool, closesOn: CalendarDate, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor
    ) async throws -> SelfAssessmentRound {
        try await store.transaction { db in
            if try await db.raw("SELECT id FROM hallmark_rounds WHERE partnership_id = \(bind: partnershipID) AND title = \(bind: title)").first() != nil {
                throw ValidationFailure(field: "title", message: "There is already a round called “\(title)”")
            }
            let round = try Self.round(
                try await db.raw(
                    """
                    INSERT INTO hallmark_rounds (partnership_id, title, anonymous, closes_on)
                    VALUES (\(bind: partnershipID), \(bind: title), \(bind: anonymous ? 1 : 0), \(bind: closesOn.iso)) RETURNING *
                    """
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "self-assessment round", id: round.id, partnership: partnershipID, after: round)
            return round
        }
    }

    package func close(_ round: SelfAssessmentRound, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            try await db.raw("UPDATE hallmark_rounds SET closed = 1 WHERE id = \(bind: round.id)").run()
            var after = round
            after.closedEarly = true
            try await AuditLog.record(db, by: author, .update, "self-assessment round", id: round.id, partnership: round.partnershipID, before: round, after: after)
        }
    }

    package func hasAnswered(_ round: SelfAssessmentRound, userID: Int64) async throws -> Bool {
        try await store.withConnection { db in
            try await db.raw("SELECT 1 AS yes FROM hallmark_respondents WHERE round_id = \(bind: round.id) AND user_id = \(bind: userID)").first() != nil
        }
    }

    /// Records a member's answer once. In an anonymous round the answer keeps no name; the audit
    /// log records that the member answered, never what.
    package func answer(_ answer: SelfAssessmentAnswer, to round: SelfAssessmentRound, userID: Int64, name: String, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            let open = try await db.raw(
                "SELECT closed, closes_on FROM hallmark_rounds WHERE id = \(bind: round.id)\(unsafeRaw: store.rowLock)"
            ).first()!
            if try open.column("closed", Int.self) != 0 || CalendarDate(try open.column("closes_on"))! < .today() {
                throw ValidationFailure(field: "rating-1.1.a", message: "This round has closed")
            }
            let first = try await db.raw(
                "INSERT INTO hallmark_respondents (round_id, user_id) VALUES (\(bind: round.id), \(bind: userID)) ON CONFLICT (round_id, user_id) DO NOTHING RETURNING user_id"
            ).first()
            guard first != nil else { throw ValidationFailure(field: "rating-1.1.a", message: "You have already answered this round") }
            try await Self.rewrite(round, adding: answer, by: round.anonymous ? "" : name, in: db)
            try await AuditLog.record(db, by: author, .create, "self-assessment answer", id: round.id, partnership: round.partnershipID)
        }
        // Each answer's commit holds the totals before and after it beside the row of who
        // answered; read in turn, they would give each member's answer.
        try await store.forgetEarlierVersions(of: ["hallmark_tallies", "hallmark_comments", "hallmark_raters"])
    }

    /// Adds one answer to the round's totals and comments and writes them again whole, in their
    /// own order, inside the answer's transaction: every row then carries the same transaction
    /// and, on SQLite, rowids in that order, whatever the answer was. Anonymous comments have no
    /// author and so sort by their text alone.
    static func rewrite(_ round: SelfAssessmentRound, adding answer: SelfAssessmentAnswer, by respondent: String, in db: any SQLDatabase) async throws {
        var totals = Dictionary(uniqueKeysWithValues: try await tallies(of: round, in: db).map { ($0.cell, $0.answers) })
        for (statement, rating) in answer.ratings { totals[Tally(statement: statement, rating: rating), default: 0] += 1 }
        var raters = try await raters(of: round, in: db)
        for section in Set(answer.ratings.keys.compactMap(Hallmarks.section(of:))) { raters[section, default: 0] += 1 }
        var comments = try await comments(of: round, in: db)
        if !answer.comment.isEmpty { comments.append((respondent, answer.comment)) }
        comments.sort { ($0.by, $0.text) < ($1.by, $1.text) }
        try await db.raw("DELETE FROM hallmark_tallies WHERE round_id = \(bind: round.id)").run()
        try await db.raw("DELETE FROM hallmark_comments WHERE round_id = \(bind: round.id)").run()
        try await db.raw("DELETE FROM hallmark_raters WHERE round_id = \(bind: round.id)").run()
        for (cell, answers) in totals.sorted(by: { ($0.key.statement, $0.key.rating) < ($1.key.statement, $1.key.rating) }) {
            try await db.raw(
                "INSERT INTO hallmark_tallies (round_id, statement, rating, answers) VALUES (\(bind: round.id), \(bind: cell.statement), \(bind: cell.rating), \(bind: answers))"
            ).run()
        }
        for (section, count) in raters.sorted(by: { $0.key < $1.key }) {
            try await db.raw("INSERT INTO hallmark_raters (round_id, section, raters) VALUES (\(bind: round.id), \(bind: section), \(bind: count))").run()
        }
        for (place, comment) in comments.enumerated() {
            try await db.raw(
                "INSERT INTO hallmark_comments (round_id, place, respondent, comment) VALUES (\(bind: round.id), \(bind: place + 1), \(bind: comment.by), \(bind: comment.text))"
            ).run()
        }
    }

    /// One statement given one rating: a cell of the round's totals.
    struct Tally: Hashable {
        let statement: String
        let rating: Int
    }

    static func tallies(of round: SelfAssessmentRound, in db: any SQLDatabase) async throws -> [(cell: Tally, answers: Int)] {
        try await db.raw("SELECT statement, rating, answers FROM hallmark_tallies WHERE round_id = \(bind: round.id) ORDER BY statement, rating").all().map {
            (Tally(statement: try $0.column("statement", String.self), rating: try $0.column("rating", Int.self)), try $0.column("answers", Int.self))
        }
    }

    /// How many members rated anything in each section.
    static func raters(of round: SelfAssessmentRound, in db: any SQLDatabase) async throws -> [String: Int] {
        Dictionary(
            uniqueKeysWithValues: try await db.raw("SELECT section, raters FROM hallmark_raters WHERE round_id = \(bind: round.id)").all().map {
                (try $0.column("section", String.self), try $0.column("raters", Int.self))
            })
    }

    static func comments(of round: SelfAssessmentRound, in db: any SQLDatabase) async throws -> [(by: String, text: String)] {
        try await db.raw("SELECT respondent, comment FROM hallmark_comments WHERE round_id = \(bind: round.id) ORDER BY place").all().map {
            (try $0.column("respondent", String.self), try $0.column("comment", String.self))
        }
    }

    package func respondents(of round: SelfAssessmentRound) async throws -> Int {
        try await store.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM hallmark_respondents WHERE round_id = \(bind: round.id)").first()!.column("n", Int.self)
        }
    }

    /// Every rating of the round, ordered by statement and rating, never by who or when.
    package func ratings(of round: SelfAssessmentRound) async throws -> [(statement: String, rating: Int)] {
        try await store.withConnection { db in
            try await Self.tallies(of: round, in: db).flatMap { cell, answers in Array(repeating: (cell.statement, cell.rating), count: answers) }
        }
    }

    /// The comments: with their authors in a named round, in alphabetical order of the text in an anonymous one.
    package func comments(of round: SelfAssessmentRound) async throws -> [(by: String, text: String)] {
        try await store.withConnection { db in
            try await Self.comments(of: round, in: db)
        }
    }

    package func results(of round: SelfAssessmentRound, previous: SelfAssessmentRound?) async throws -> SelfAssessmentResults {
        var before: [SectionResult]? = nil
        if let previous { before = SelfAssessmentResults.summarise(try await ratings(of: previous), withholding: try await withheld(previous)) }
        return SelfAssessmentResults(
            responses: try await respondents(of: round), sections: SelfAssessmentResults.summarise(try await ratings(of: round), withholding: try await withheld(round)),
            previous: before, comments: try await comments(of: round))
    }

    /// The sections of an anonymous round that some, but too few, rated to be shown without
    /// giving away whose ratings they are.
    func withheld(_ round: SelfAssessmentRound) async throws -> Set<String> {
        guard round.anonymous else { return [] }
        return try await store.withConnection { db in
            Set(try await Self.raters(of: round, in: db).filter { $0.value < Hallmarks.fewestToShow }.keys)
        }
    }

    // MARK: Improvement actions

    package func improvements(of round: SelfAssessmentRound) async throws -> [(section: String, actionID: Int64)] {
        try await store.withConnection { db in
            try await db.raw("SELECT section, action_id FROM hallmark_improvements WHERE round_id = \(bind: round.id) ORDER BY section, id").all().map {
                (try $0.column("section", String.self), try $0.column("action_id", Int64.self))
            }
        }
    }

    package func addImprovement(section: String, actionID: Int64, to round: SelfAssessmentRound, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            try await db.raw(
                "INSERT INTO hallmark_improvements (round_id, section, action_id) VALUES (\(bind: round.id), \(bind: section), \(bind: actionID))"
            ).run()
            try await AuditLog.record(
                db, by: author, .create, "self-assessment improvement", id: round.id, partnership: round.partnershipID, after: ["section": section, "action": "\(actionID)"])
        }
    }
}
