"""What every platform does the same way: deliver once, hand off, feedback, curation."""
