"""A person's own data on request: finding it, giving a copy, erasing it (decision 43)."""
