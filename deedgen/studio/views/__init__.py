"""The studio's pages, one module per kind of page; each parses the request, calls deedgen and
renders a template."""
