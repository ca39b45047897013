// HallmarkRestructuring: reviewing and restructuring partnerships. A review of an area's
// arrangements sets options side by side (each a set of proposed partnerships with their boards
// and sub-groups, and which level decides each theme), computed from what the system already
// holds: the boards and meetings partners must staff, coterminosity, population, crime and
// harm, funding under the county's formula; with strengths, weaknesses, risks and stakeholders'
// positions beside them, printed as the appraisal paper. A merger (or demerger) is then taken
// through its statutory steps: every responsible authority's written agreement, the Police and
// Crime Commissioner's approval (and the Secretary of State's across force boundaries), and the
// effective date, when the register's succession forms the new partnership. It may use
// HallmarkDomain, HallmarkAnalytics, HallmarkStore, HallmarkKit, the register, crime data,
// meetings and funding.
