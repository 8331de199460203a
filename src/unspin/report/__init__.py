"""Render results: JSON (the documented contract) and terminal text."""
