/// Words as pages write them.
public enum Wording {
    /// Lists in a sentence: "A", "A and B", "A, B and C".
    public static func list(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// A person as a page names them: "Carys Coordinator", without the address an audit label
    /// carries ("Carys Coordinator <coordinator@…>").
    public static func person(_ label: String) -> String {
        label.split(separator: "<").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? label
    }
}
