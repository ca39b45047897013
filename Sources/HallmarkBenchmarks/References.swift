import Foundation
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkKit
import HallmarkRegister

/// The general tools Hallmark is measured against, run on the same files in the same run.
/// Each prints only its own working time, so interpreter start-up is not charged to it.
enum References {
    static let polars = """
        import sys, time, polars as pl
        files = [l.strip() for l in open(sys.argv[1])]
        t = time.perf_counter()
        df = pl.scan_csv(files, infer_schema=False).group_by(["Month", "LSOA code", "Crime type"]).agg(pl.len()).collect()
        print(time.perf_counter() - t, df["len"].sum())
        """

    static let duckdb = """
        import sys, time, duckdb
        files = [l.strip() for l in open(sys.argv[1])]
        con = duckdb.connect()
        con.execute("SET threads TO 2")
        t = time.perf_counter()
        n = con.execute("SELECT sum(n) FROM (SELECT count(*) AS n FROM read_csv($files, header = true, all_varchar = true) GROUP BY \\"Month\\", \\"LSOA code\\", \\"Crime type\\")", {"files": files}).fetchone()[0]
        print(time.perf_counter() - t, n)
        """

    struct Measured {
        let seconds: Double
        let rows: Int
    }

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs a Python reference from the benchmark's virtual environment.
    static func python(_ script: String, files: [String], venv: String) throws -> Measured {
        let directory = FileManager.default.temporaryDirectory
        let list = directory.appendingPathComponent("hallmark-bench-files.txt")
        try files.joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
        let source = directory.appendingPathComponent("hallmark-bench-\(abs(script.hashValue)).py")
        try script.write(to: source, atomically: true, encoding: .utf8)
        let output = try run(venv + "/bin/python", [source.path, list.path])
        let parts = output.split(separator: " ")
        guard parts.count == 2, let seconds = Double(parts[0]), let rows = Int(parts[1].trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failed(description: "the reference printed “\(output)”")
        }
        return Measured(seconds: seconds, rows: rows)
    }

    /// The sqlite3 command-line tool's `.import` of every file into one table, in one process.
    static func sqliteImport(files: [String]) throws -> Measured {
        let directory = FileManager.default.temporaryDirectory
        let database = directory.appendingPathComponent("hallmark-bench-sqlite3.db").path
        try? FileManager.default.removeItem(atPath: database)
        var script =
            ".mode csv\nCREATE TABLE crimes (crime_id, month, reported_by, falls_within, longitude, latitude, location, lsoa_code, lsoa_name, crime_type, outcome, context);\nBEGIN;\n"
        for file in files { script += ".import --skip 1 \(file) crimes\n" }
        script += "COMMIT;\nSELECT count(*) FROM crimes;\n"
        let commands = directory.appendingPathComponent("hallmark-bench-sqlite3.sql")
        try script.write(to: commands, atomically: true, encoding: .utf8)
        let started = Date()
        let output = try run("/bin/sh", ["-c", "sqlite3 \(database) < \(commands.path) 2>/dev/null"])
        let seconds = Date().timeIntervalSince(started)
        try? FileManager.default.removeItem(atPath: database)
        return Measured(seconds: seconds, rows: Int(output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "") ?? -1)
    }

    /// PostgreSQL's `COPY` of every file into one table of text columns, in one transaction,
    /// the server reading the files itself; timed from psql's start to the count.
    static func postgresCopy(files: [String], url: String) throws -> Measured {
        let address = String(url.prefix { $0 != "?" })
        var script = "DROP TABLE IF EXISTS raw_crimes;\n"
        script += "CREATE TABLE raw_crimes (crime_id text, month text, reported_by text, falls_within text, longitude text, latitude text, "
        script += "location text, lsoa_code text, lsoa_name text, crime_type text, outcome text, context text);\nBEGIN;\n"
        for file in files { script += "COPY raw_crimes FROM '\(file)' WITH (FORMAT csv, HEADER true);\n" }
        script += "COMMIT;\nSELECT count(*) FROM raw_crimes;\n"
        let commands = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-bench-copy.sql")
        try script.write(to: commands, atomically: true, encoding: .utf8)
        let started = Date()
        let output = try run("/bin/sh", ["-c", "psql -q -t -A -v ON_ERROR_STOP=1 '\(address)' -f \(commands.path)"])
        let seconds = Date().timeIntervalSince(started)
        _ = try? run("/bin/sh", ["-c", "psql -q '\(address)' -c 'DROP TABLE raw_crimes'"])
        return Measured(seconds: seconds, rows: Int(output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "") ?? -1)
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failed(description: "\(executable) \(arguments.joined(separator: " ")) failed") }
        return String(decoding: data, as: UTF8.self)
    }
}
