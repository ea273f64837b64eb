"""Bundled data: labelled client messages, evaluation sets and where they live."""
