"""The person's own door: Mina sidor."""
