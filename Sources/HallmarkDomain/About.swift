// HallmarkDomain: the words every part of Hallmark shares. Partnerships and their kinds,
// organisations, people and memberships as records; ONS (GSS) codes, months, calendar dates,
// roles and what each may do; the register's drafts and the validation rules that give a
// plain-English message for each field. Value types only: it may use Foundation and nothing else.
