"""Keeping each kind of data only as long as it should be (decision 43)."""
