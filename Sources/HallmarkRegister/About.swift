// HallmarkRegister: the partnership register, the first capability. Partnerships, sub-groups and
// their structure diagram, responsible authorities and other organisations, people and their seats,
// with the repositories that keep them, the service the routes work with (`RegisterService`), the
// routes and their views. It may use HallmarkDomain, HallmarkAnalytics, HallmarkStore and
// HallmarkKit; other capabilities read partnerships through `RegisterService` and its repositories.
