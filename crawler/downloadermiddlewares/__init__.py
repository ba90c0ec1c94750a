"""Downloader middlewares, and the address rules and DNS resolver that guard what the crawler may reach."""
