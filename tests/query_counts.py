"""The most database queries each main page may make (tests/web/test_query_counts.py), measured
on 2026-12-01 with 2 rows on the page (SQLite; session, user and the page's own queries) and
asserted with 2 rows and with 20, so one query per row fails. Analytics-store (DuckDB) reads do
not count. Lower a number when a page gets cheaper; raise one only with a reason."""

MAX_QUERIES = {
    "enterprise_list": 6,
    "enterprise_detail": 15,
    "evaluation_results": 6,
    "review_queue": 4,
    "import_job_list": 8,
    "monitoring": 6,
    "cockpit": 5,
}
