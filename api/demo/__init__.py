"""A realistic synthetic council for `make run` and the browser tests."""
