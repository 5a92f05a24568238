"""Participation in coordination-association activities and outcome follow-up
(SUS-style), and reports."""
