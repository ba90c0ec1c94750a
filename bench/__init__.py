"""Benchmark scripts (run by `make bench-*`); never timed tests."""
