// HallmarkPlan: the partnership plan and its outcomes framework. Priorities taken from an
// approved strategic assessment (with the figures and rules that ranked them) or added with a
// reason; actions with owners, due dates, progress and the budget line that pays for them;
// indicators, computed from the crime store or entered by their owners, with targets and
// red-amber-green rules; and the evidence chain from figure to priority to action, spend and
// indicator, both ways. It may use HallmarkDomain, HallmarkAnalytics, HallmarkStore,
// HallmarkKit, the register, crime data, the assessment (its approved versions) and funding
// (budget lines).
