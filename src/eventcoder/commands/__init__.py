"""Sub-commands of the `eventcoder` CLI that live in their own modules."""
