"""Names: finding person names in copy, the names authority, and learning names from an archive.

``newslint.names.text`` finds name-like runs and computes comparison keys,
``newslint.names.authority`` loads and indexes known people (default list,
house lists, archive files), ``newslint.names.check`` holds the checks and
``newslint.names.archive`` builds archive files (``newslint names build``).
"""
