// HallmarkKit: what every page and route shares, whichever capability draws it. The request
// context (visitor, form fields, notices), refusals and error pages, CSRF form keys, multipart
// uploads, the server's settings and metrics, the staff and public layouts and the public
// group's rules, forms, tables, charts, CSV, the document kit (A4 documents, PDF through
// Chromium), the audit log in words, the one stylesheet, and the route table (`Site`), which
// names every page's path so that capabilities can link to each other's pages without
// depending on each other. It may use HallmarkDomain, HallmarkStore, Hummingbird and Plot; it
// uses no capability's code, so any of them can build on it.
