"""Explain what an aligned copy changed in meaning."""
