import Foundation

/// Whether crime changed between two equal periods of monthly counts, allowing for the extra
/// month-to-month variation crime counts show beyond the Poisson's (over-dispersion).
///
/// The method, named in every assessment: a quasi-Poisson log-linear model of the monthly counts
/// with a term for the period and, when the periods are whole years, a term for each month of
/// the year. The rate ratio is later ÷ earlier; its standard error is the Poisson one scaled by
/// the dispersion (Pearson χ² ÷ residual degrees of freedom, never taken below 1). When either
/// period has fewer than `smallNumbers` crimes, the normal approximation is not trusted and the
/// exact conditional test for two Poisson counts (a binomial test of the later count given the
/// total, p = ½) is used instead, and the result is flagged as small numbers.
public struct TrendTest: Sendable, Equatable, Codable {
    public enum Method: String, Sendable, Codable {
        case quasiPoisson = "quasi-Poisson log-linear model"
        case quasiPoissonSeasonal = "quasi-Poisson log-linear model with month-of-year terms"
        case exactBinomial = "exact conditional test for two Poisson counts"
    }

    public let earlier: Int
    public let later: Int
    /// later ÷ earlier; nil when the earlier period had none.
    public let rateRatio: Double?
    public let method: Method
    /// Pearson χ² ÷ residual degrees of freedom, before the floor at 1. Nil for the exact test.
    public let dispersion: Double?
    public let z: Double?
    /// Two-sided.
    public let p: Double
    public let smallNumbers: Bool

    public static let smallNumbers = 10
    public static let significance = 0.05

    public var significant: Bool { p < Self.significance }
    public var significantRise: Bool { significant && later > earlier }
    public var significantFall: Bool { significant && later < earlier }

    public var direction: String {
        guard significant else { return "no significant change" }
        return significantRise ? "significant increase" : "significant decrease"
    }

    /// - Parameters: earlier and later: the monthly counts of two consecutive periods of equal length.
    public init(earlier a: [Int], later b: [Int]) {
        precondition(a.count == b.count && !a.isEmpty, "two periods of equal length")
        let sumA = a.reduce(0, +), sumB = b.reduce(0, +)
        earlier = sumA
        later = sumB
        rateRatio = sumA > 0 ? Double(sumB) / Double(sumA) : nil
        smallNumbers = min(sumA, sumB) < Self.smallNumbers
        if smallNumbers {
            method = .exactBinomial
            dispersion = nil
            z = nil
            p = Self.binomialTwoSidedHalf(k: sumB, n: sumA + sumB)
            return
        }
        let seasonal = a.count % 12 == 0 && a.count >= 12
        method = seasonal ? .quasiPoissonSeasonal : .quasiPoisson
        // Fitted values. With a month-of-year term the model on the 12 × 2 table of month and
        // period is the independence model, fitted by margins; without it, each period's mean.
        var chi2 = 0.0
        let total = Double(sumA + sumB)
        for i in a.indices {
            let (ea, eb): (Double, Double)
            if seasonal {
                // Month-of-year i % 12 across every year of both periods.
                let moy = stride(from: i % 12, to: a.count, by: 12).reduce(0) { $0 + a[$1] + b[$1] }
                let years = Double(a.count / 12)
                ea = Double(moy) * Double(sumA) / total / years
                eb = Double(moy) * Double(sumB) / total / years
            } else {
                ea = Double(sumA) / Double(a.count)
                eb = Double(sumB) / Double(b.count)
            }
            if ea > 0 { chi2 += (Double(a[i]) - ea) * (Double(a[i]) - ea) / ea }
            if eb > 0 { chi2 += (Double(b[i]) - eb) * (Double(b[i]) - eb) / eb }
        }
        let parameters = seasonal ? 12 + 1 : 2
        let residualDF = Double(2 * a.count - parameters)
        let phi = residualDF > 0 ? chi2 / residualDF : 1
        dispersion = phi
        let se = (max(phi, 1) * (1 / Double(sumA) + 1 / Double(sumB))).squareRoot()
        let zValue = log(Double(sumB) / Double(sumA)) / se
        z = zValue
        p = Self.twoSidedNormal(zValue)
    }

    /// P(|Z| ≥ |z|) for a standard normal Z.
    public static func twoSidedNormal(_ z: Double) -> Double { erfc(abs(z) / 2.0.squareRoot()) }

    /// The exact two-sided p-value of k successes in n trials with p = ½: the probability of any
    /// outcome no more likely than k's, which by symmetry is twice the smaller tail.
    static func binomialTwoSidedHalf(k: Int, n: Int) -> Double {
        guard n > 0 else { return 1 }
        let low = min(k, n - k)
        if 2 * low == n { return 1 }
        let logHalf = Double(n) * log(0.5)
        var tail = 0.0
        for j in 0...low {
            tail += exp(lgamma(Double(n + 1)) - lgamma(Double(j + 1)) - lgamma(Double(n - j + 1)) + logHalf)
        }
        return min(1, 2 * tail)
    }
}
