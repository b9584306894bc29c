"""Benchmarks; ``bench.pages`` is shared with the tests."""
