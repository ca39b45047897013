// HallmarkAssessment: the strategic assessment. Its figures for one partnership and twelve months,
// the A4 document with every table as CSV, the analyst's settings, saved versions and their approval
// at a meeting, and the drafts computed lately. It may use HallmarkDomain, HallmarkAnalytics,
// HallmarkStore, HallmarkKit, the register and crime data; plans will read approved versions'
// priorities through `AssessmentService`.
