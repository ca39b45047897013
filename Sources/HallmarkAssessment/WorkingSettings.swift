import Foundation
import HallmarkAnalytics
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore

/// The settings the next draft of a partnership's assessment will use: the defaults until an
/// analyst changes them.
package enum WorkingSettings {
    package static func load(_ p: Partnership, _ deps: AssessmentService) async throws -> AssessmentSettings {
        try decode(try await AssessmentRepository(store: deps.store).settingsJSON(of: p.id))
    }

    /// The settings a stored JSON holds; the defaults when nothing is stored.
    package static func decode(_ json: String?) throws -> AssessmentSettings {
        guard let json else { return AssessmentSettings() }
        var settings = try JSONDecoder().decode(AssessmentSettings.self, from: Data(json.utf8))
        // A shipped table nobody edited follows its file, so a corrected weight or source reaches
        // every draft; an edited one is the analyst's and stays. Saved versions keep their own.
        if settings.harm.editedBy == nil { settings.harm = HarmWeights.shipped(settings.harm.scheme) }
        return settings
    }

    package static func json(_ settings: AssessmentSettings) throws -> String {
        try JSONText.string(settings)
    }

    /// Every theme the matrix scores, by name: the categories, the groups and the analyst's own.
    package static func themeNames(_ settings: AssessmentSettings) -> [String] {
        CrimeType.allCases.map(\.rawValue) + ThemeEvidence.groups.map(\.name) + settings.themes.map(\.name)
    }
}
