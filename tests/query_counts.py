"""The most database queries each main page may make (tests/web/test_query_counts.py), measured
on 2026-12-01 with 2 rows on the page (SQLite; session, user and the page's own queries) and
asserted with 2 rows and with 20, so one query per row fails. Analytics-store (DuckDB) reads do
not count. Lower a number when a page gets cheaper; raise one only with a reason."""

MAX_QUERIES = {
    "enterprise_list": 6,
    "enterprise_detail": 18,  # + projects (issue 15), − one (issue 18), + qualifications (17),
    # + may the user record a qualification of the firm (the "add" link, issue perf)
    "evaluation_results": 6,
    "review_queue": 29,  # issue 13: both queues checked by the policy's rules, a batch each
    "import_job_list": 8,
    "monitoring": 8,  # + the price indices: in the cache key, and read by the analysis
    "cockpit": 6,  # issue 13: the breadcrumb back up (one query)
    "qualification_list": 5,  # issue 17
    "qualification_counts": 5,
    "demonstration": 17,  # the ranking: reports, classes, qualifications, counties, scope;
    # + its cache key (issue perf): the versions of the reports, the registry, the
    # qualifications (2) and the published runs (measured cold: the first visit computes)
    "clusters_identification": 7,  # issue 17: the region selector, the counties, the towns
    "clusters_paths": 5,  # issue 17
    "clusters_paths_county": 6,  # issue 17: + the county's towns
}
