"""Find candidate sources: lexical fingerprints and sentence vectors."""
