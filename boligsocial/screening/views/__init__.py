"""The trafiklys pages (`pages`: index, scorecard, department, reports; `areas`: areas,
municipalities, the statutory lists)."""
