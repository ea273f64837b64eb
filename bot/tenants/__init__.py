"""Client agreements and finding the one that belongs to a message."""
