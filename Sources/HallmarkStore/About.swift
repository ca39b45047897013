// HallmarkStore: the database, SQLite embedded or PostgreSQL. The connection (`Store`), the
// numbered migrations with the whole schema (one ordered history, so every capability's tables
// are created here), the audit log, accounts, sessions and API tokens, server keys, backup and
// restore, and the crime store with its bulk ingest (blocks packed per force-month, which the
// migrations must be able to repack). It may use HallmarkDomain and SQLKit's drivers; it knows no
// capability and no web.
