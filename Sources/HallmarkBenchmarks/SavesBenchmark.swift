import Foundation
import HallmarkStore

/// Many saves at once on SQLite, as a burst of form posts makes them: each a transaction that
/// reads a row, writes it back and adds a line to a log. The reference is the same saves made
/// one after another in the same run; meanwhile a reader asks for a count again and again, as
/// pages do, and each answer's wait is kept.
func savesBenchmark() async throws {
    let saves = 4000
    let tasks = 40
    let store = try await Store.open(.sqlite(path: emptySQLitePath("hallmark-bench-saves.sqlite")))
    try await store.withConnection { db in
        try await db.raw("CREATE TABLE bench_settings (id INTEGER PRIMARY KEY, saves INTEGER NOT NULL)").run()
        try await db.raw("CREATE TABLE bench_log (id INTEGER PRIMARY KEY, setting INTEGER NOT NULL, note TEXT NOT NULL)").run()
        try await db.raw("INSERT INTO bench_settings (id, saves) VALUES (1, 0), (2, 0), (3, 0), (4, 0)").run()
    }
    @Sendable func save(_ n: Int) async throws {
        try await store.transaction { db in
            let id = n % 4 + 1
            let saves = try await db.raw("SELECT saves FROM bench_settings WHERE id = \(bind: id)").first()!.decode(column: "saves", as: Int.self)
            try await db.raw("UPDATE bench_settings SET saves = \(bind: saves + 1) WHERE id = \(bind: id)").run()
            try await db.raw("INSERT INTO bench_log (setting, note) VALUES (\(bind: id), \(bind: "save \(n)"))").run()
        }
    }

    print("Saves on SQLite, \(saves) of them (\(Date()))")
    for round in 1...3 {
        var oneByOne = 0.0
        try await timeAsync(&oneByOne) { for n in 0..<saves { try await save(n) } }

        let reading = Task { () -> [Double] in
            var waits: [Double] = []
            while !Task.isCancelled {
                let asked = DispatchTime.now().uptimeNanoseconds
                _ = try await store.withConnection { db in try await db.raw("SELECT COUNT(*) AS n FROM bench_log").all() }
                waits.append(Double(DispatchTime.now().uptimeNanoseconds - asked) / 1e6)
                try? await Task.sleep(for: .milliseconds(1))
            }
            return waits
        }
        var atOnce = 0.0
        try await timeAsync(&atOnce) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for t in 0..<tasks {
                    group.addTask { for n in stride(from: t, to: saves, by: tasks) { try await save(n) } }
                }
                try await group.waitForAll()
            }
        }
        reading.cancel()
        let waits = ((try? await reading.value) ?? []).sorted()
        func centile(_ p: Double) -> Double { waits.isEmpty ? .nan : waits[min(waits.count - 1, Int(Double(waits.count) * p))] }
        print(
            String(
                format: "round %d: one after another %.3f s; %d at once %.3f s (ratio %.2f); reads meanwhile: %d, p50 %.1f ms, p99 %.1f ms, slowest %.1f ms",
                round, oneByOne, tasks, atOnce, oneByOne / atOnce, waits.count, centile(0.5), centile(0.99), waits.last ?? .nan))
    }
    let total = try await store.withConnection { db in try await db.raw("SELECT SUM(saves) AS n FROM bench_settings").first()!.decode(column: "n", as: Int.self) }
    await store.close()
    precondition(total == saves * 6, "every save kept: \(total) of \(saves * 6)")
}
