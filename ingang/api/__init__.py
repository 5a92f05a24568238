"""The versioned JSON API (/api/v1/)."""
