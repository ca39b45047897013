// HallmarkMeetings: a partnership's (or sub-group's) meetings and papers. Terms of reference with
// their quorum, versioned and approved like any record, and who signed them; the meeting
// schedule and `.ics` calendars; agendas with standing items; papers stored in the database with
// their checksums; board packs printed to one PDF as a job; attendance with the quorum seen at
// once; minutes, decisions and the rolling action log; attendance reports and the annual report
// to scrutiny; the public calendar and public papers. It may use HallmarkDomain, HallmarkStore,
// HallmarkKit and the register (through `RegisterService`); it reads the strategic assessment's
// approved versions by their kind in the versioned records, without depending on that module.
