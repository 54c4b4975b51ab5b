"""Background jobs of the pages (长任务): an evaluation run, a what-if simulation, the Word
monthly report. Imports have their own job table (``reporting.ImportJob``)."""
