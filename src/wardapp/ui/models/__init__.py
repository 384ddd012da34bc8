"""Qt item models over core data: they map a view row to a core row and format cells lazily."""
