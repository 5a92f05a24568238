"""Benchmarks of the gated read path: `make bench` runs bench.run."""
