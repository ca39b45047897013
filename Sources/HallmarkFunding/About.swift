// HallmarkFunding: the money side. Allocation formulas with their workings (pro rata to earlier
// shares; needs-based with weighted indicators, harm among them, and a floor), rounded by
// largest remainder so that allocations sum exactly to the pot; the reconciliation of any
// statement against its stated totals, to the penny; each partnership's funding streams,
// budget lines (with a spreadsheet import), the monitoring paper and year-end statement, a
// projection of deficits after savings, pooled funds kept as a ledger, and commissioned
// services. Amounts are `Money` (whole pence) and years `FinancialYear`, both in HallmarkDomain.
// It may use HallmarkDomain, HallmarkAnalytics (CSV fields, harm weights), HallmarkStore,
// HallmarkKit, the register and crime data (population and crime for the needs formula).
