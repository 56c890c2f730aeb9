"""Benchmarks: a synthetic corpus generator and measurements of build, rebuild and output size."""
