"""Align reused passages between two articles."""
