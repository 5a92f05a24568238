"""Participant import from CSV or XLSX."""
