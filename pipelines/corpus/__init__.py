"""The corpus: one SQLite file of article records, with the runs, fingerprints and site blocks kept beside them.

``database`` opens it and holds the articles; ``schema`` its tables and migrations; ``writes`` the one
write transaction; ``runs``, ``duplicates``, ``fingerprints``, ``siteblocks`` and ``watchstate`` the
other tables; ``integrity`` tells a damaged file; ``errors`` what the corpus raises. No SQL is written
outside this package.
"""
