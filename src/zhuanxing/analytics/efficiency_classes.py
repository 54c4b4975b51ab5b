"""The published 亩均 class of each enterprise in a year, for the features that weigh it (the
demonstration-enterprise score). The evaluation app owns the runs; feature apps may not import
each other (pyproject's layers contract), so the evaluation app registers its reader here in
``EvaluationConfig.ready`` and the others ask through :func:`published_classes`, as the
assessment app's targets reach ``assessment_scoring``."""

_classes_reader = None
_version_reader = None


def register_classes_reader(reader, version=None) -> None:
    """``reader(year) -> {enterprise id: class}`` over the year's published run, or ``None``
    when no run of the year is published; ``version(year)``: a cheap value that changes when
    the year's published run does (a result computed from the classes is cached under it). The
    evaluation app registers both."""
    global _classes_reader, _version_reader
    _classes_reader = reader
    _version_reader = version


def published_classes(year: int) -> dict[int, str] | None:
    """Each graded enterprise's class in the year's published 亩均 evaluation (not scoped: the
    caller scopes the rows it shows); ``None`` when the year has no published run."""
    return _classes_reader(year) if _classes_reader else None


def published_version(year: int):
    """A data version of the year's published runs (a publication, a run superseded); ``None``
    without a registered reader."""
    return _version_reader(year) if _version_reader else None
