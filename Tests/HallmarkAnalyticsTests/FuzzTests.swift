import Foundation
import HallmarkAnalytics
import HallmarkTestSupport
import Testing

/// The police.uk reader takes files from anyone who may import: it must refuse what it cannot
/// read, row by row, and never crash or loop. A fixed budget of mutated real files, from a
/// fixed seed, so that every run tries the same inputs.
@Suite("Fuzzing the police.uk reader")
struct FuzzTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")
    static let budget = 3000

    @Test(
        "Mutated police.uk files are read or refused, never crash",
        arguments: ["2021-04-leicestershire-street.csv", "2021-04-quoted-street.csv", "2021-01-city-of-london-street.csv"])
    func reader(seedFile: String) throws {
        let seed = Array(try Data(contentsOf: Self.corpus.appendingPathComponent(seedFile)))
        var mutations = Mutations(seed: 0x4841_4C4D_4152_4B00 &+ UInt64(seedFile.utf8.count))
        let reader = StreetCrimeReader(keepCrimes: true)
        let untouched = try reader.read(bytes: seed, name: seedFile)
        #expect(untouched.rejected == 0 && untouched.accepted > 0, "the seed itself is a good file")
        for iteration in 0..<Self.budget {
            let input = mutations.mutate(seed)
            guard let month = try? reader.read(bytes: input, name: seedFile) else { continue }
            #expect(month.rejected >= 0 && month.rejected <= month.rowsRead, "iteration \(iteration)")
            #expect(month.crimes.count == month.accepted, "iteration \(iteration): every accepted row is kept")
            #expect(month.rejections.count <= month.rejected, "iteration \(iteration)")
        }
    }
}
