"""Imports of statistical reports from Excel and CSV: parse → normalise and check cells →
database checks and the policy's validation rules → commit all or nothing.

``pipeline.run_import`` is the one entry point (web jobs, ``zhuanxing import``, the benchmark).
The modules below ``checks`` are pure Python; ``validate``, ``commit`` and ``pipeline`` use the
database.
"""
