"""Every URL of the site, found by walking the URL resolver."""

from django.urls import URLPattern, URLResolver, get_resolver

# Django's own admin is tested by Django; its index is in the table.
SKIPPED_NAMESPACES = ("admin",)


def all_url_names() -> dict[str, str]:
    """``{name: route}`` for every named URL outside the skipped namespaces."""
    found = {}

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = namespace
                if p.namespace:
                    inner = f"{namespace}:{p.namespace}" if namespace else p.namespace
                walk(p.url_patterns, prefix + str(p.pattern), inner)
            elif isinstance(p, URLPattern):
                if namespace and namespace.split(":")[0] in SKIPPED_NAMESPACES:
                    continue
                if p.name is None:
                    raise AssertionError(f"unnamed URL {prefix}{p.pattern}: name it")
                found[f"{namespace}:{p.name}" if namespace else p.name] = prefix + str(p.pattern)

    walk(get_resolver().url_patterns, "", None)
    return found
