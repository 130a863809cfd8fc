"""Starts the whole system for `make run`: embedded servers where none is configured, then the four services."""
