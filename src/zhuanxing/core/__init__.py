"""The shared core at the bottom of the layers: pieces every app needs and no app owns.

No models and no views: spreadsheet safety, period arithmetic, the figures every table uses
(growth, ranking, unit conversion), the one error type views show to users, and the bounded
forms every request parameter goes through (``params``).
"""
