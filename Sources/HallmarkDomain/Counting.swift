/// Numbers as council papers print them.
public enum Counting {
    /// 12,345: digits grouped in threes.
    public static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var out = n < 0 ? "-" : ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    /// "1 file", "10,019 rows": the number grouped, the noun agreeing with it.
    public static func of(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(grouped(n)) \(n == 1 ? singular : plural)"
    }
}
