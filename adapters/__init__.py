"""Thin platform adapters around the core: translate in, render out, send."""
