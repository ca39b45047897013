// HallmarkFunding: the money side. So far its computations: allocation formulas with their
// workings (pro rata to earlier shares; needs-based with weighted indicators and a floor),
// rounded by largest remainder so that allocations sum exactly to the pot; and the
// reconciliation of any statement against its stated totals, to the penny. Amounts are
// `Money` (whole pence) and years `FinancialYear`, both in HallmarkDomain. It may use
// HallmarkDomain, HallmarkAnalytics (CSV fields), HallmarkStore and HallmarkKit.
