"""Engines decide where `Pipeline.run` runs: here, or in a pool of processes."""
