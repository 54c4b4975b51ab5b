"""Fast bulk inserts for generated data: COPY on PostgreSQL, executemany on SQLite.

One ORM save per row would take minutes at the city tier and hours at the province tier.
"""

from collections.abc import Iterable, Sequence
from itertools import islice

from django.db import connection, models


def bulk_insert(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence], batch: int = 10_000
) -> int:
    """Insert ``rows`` (tuples in ``columns`` order, field names) into ``model``'s table."""
    meta = model._meta
    table = connection.ops.quote_name(meta.db_table)
    cols = ", ".join(connection.ops.quote_name(meta.get_field(c).column) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        else:
            sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})"
            iterator = iter(rows)
            while chunk := list(islice(iterator, batch)):
                cursor.executemany(sql, chunk)
                count += len(chunk)
    return count
