"""The shared core at the bottom of the layers: pieces every app needs and no app owns.

Pure Python (no models, no views): spreadsheet safety, period arithmetic, the figures every
table uses (growth, ranking, unit conversion) and the one error type views show to users.
"""
