// HallmarkAnalytics: pure computation over plain values, with no store and no web. The
// police.uk reader (streaming, byte-level) and its counts, the ONS geography files, trend tests,
// seasonality, Gi* hotspots, repeat locations, harm weights (data files with their sources) and the
// priority rules. Every figure here is tested against numbers computed another way. It may use
// HallmarkDomain.
