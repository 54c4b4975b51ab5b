"""Pages of the reporting app: imports, data entry, review and locks. Views only parse the
request, call a selector or a service, and render."""
