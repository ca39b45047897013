// HallmarkWeb: the server. It makes each capability's service (`Dependencies`), puts their routes
// and the shared middleware (sessions, error pages, metrics, 405s) on one router, and holds what
// belongs to no capability: sign-in and accounts, the audit log page, operations (/healthz,
// /metrics, static files), the JSON API's document and its register routes, and the demo county.
// It may use every module.
