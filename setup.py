from setuptools import setup

# Metadata and packages are in pyproject.toml; scrapyd-deploy builds its egg through this file.
setup()
