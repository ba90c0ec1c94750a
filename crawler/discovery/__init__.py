"""Discovery: who wrote a page, and where the rest of their articles are listed on its site.

Pure functions over parsed pages and API answers; the author spider makes the requests.
"""
