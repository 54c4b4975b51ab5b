"""The JSON API (django-ninja) at /api/, its per-user tokens, and the token page."""
