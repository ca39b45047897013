// HallmarkKit: what every page and route shares, whichever capability draws it. The request
// context (visitor, form fields, notices), refusals and error pages, CSRF form keys, multipart
// uploads, the server's settings and metrics, the layout, forms, tables, charts, CSV, the audit
// log in words and the one stylesheet. It may use HallmarkDomain, HallmarkStore, Hummingbird and
// Plot; it knows no capability, so any of them can build on it.
