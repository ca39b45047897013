// HallmarkEngagement: how the partnership engages its communities and answers for itself. So
// far the Hallmarks of Effective Practice self-assessment (seed 002): rounds in which members
// rate statements section by section, anonymously or by name, with comments; results per
// section with median and spread beside the round before; and improvement actions that join
// the partnership plan. It may use HallmarkDomain, HallmarkStore, HallmarkKit, the register
// and the plan (to add its improvement actions).
