"""Agency activity feeds: activity cards pushed by an agency's own system."""
