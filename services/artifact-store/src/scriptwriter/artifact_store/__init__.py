"""The artifact-store: the system of record for users, executions, inputs, artifacts, transforms and chunks."""
