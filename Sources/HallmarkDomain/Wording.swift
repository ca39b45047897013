/// Lists in a sentence: "A", "A and B", "A, B and C".
public enum Wording {
    public static func list(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
