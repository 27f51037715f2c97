"""Daily tallies of responses, statement answers and theme mentions (decision 23)."""
