"""Shared contracts of Script Writer: artifacts, events, bus messages and subject names.

Depends on pydantic only. Every service speaks through these models; contracts evolve by adding fields.
"""
