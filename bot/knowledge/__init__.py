"""Knowledge entries: the file format, the live base behind its index, lint and templates."""
