"""Reading a WordPress site's export: the pure first layer of the WordPress importer (issue 19).

`wxr` parses the export file (WXR 1.0 to 1.2) into frozen dataclasses, refusing files that are
not one site's export; `content` converts a post body the way WordPress renders it and sanitises
it as the editor's content is. Neither touches the database: the importer that creates articles,
pages, media and redirects builds on them.
"""
