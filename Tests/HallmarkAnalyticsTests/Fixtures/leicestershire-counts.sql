-- Counts of the 24 Leicestershire police.uk files by CSP, month and crime type, computed by
-- DuckDB with no Hallmark code: the only shared inputs are the ONS-derived lookups.
COPY (
    WITH crimes AS (
        SELECT * FROM read_csv('../shared/data/police-uk/leicestershire/*-street.csv', header = true, all_varchar = true)
    ),
    lsoa AS (SELECT * FROM read_csv('Sources/HallmarkAnalytics/Resources/lsoa-district-2024.csv', header = true, all_varchar = true)),
    -- A district ONS lists under several former CSPs is counted once, under the lowest CSP code.
    district AS (
        SELECT district_code, min(csp_code) AS csp_code
        FROM read_csv('Sources/HallmarkAnalytics/Resources/district-csp-force-2024.csv', header = true, all_varchar = true)
        GROUP BY district_code
    )
    SELECT CASE WHEN c."LSOA code" IS NULL THEN 'none' ELSE coalesce(d.csp_code, 'unknown') END AS area,
           c."Month" AS month,
           c."Crime type" AS crime_type,
           count(*) AS crimes
    FROM crimes c
    LEFT JOIN lsoa l ON l.lsoa_code = c."LSOA code"
    LEFT JOIN district d ON d.district_code = l.district_code
    GROUP BY ALL
    ORDER BY area, month, crime_type
) TO 'Tests/HallmarkAnalyticsTests/Fixtures/leicestershire-csp-month-type.csv' (HEADER);
