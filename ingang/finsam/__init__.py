"""Coordination associations (Finsam): members, financing, projects, scorecard,
socio-economic evaluation."""
