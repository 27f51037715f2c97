"""Episodes: one point of a child's journey heard from every side (issue 17)."""
