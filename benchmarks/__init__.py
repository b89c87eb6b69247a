"""Benchmarks (``make bench``) and the seeded data-set generator they run on."""
