"""Resolvers: turn text spans into entities, dates and places."""
