"""The orchestrator: runs executions node by node, durable across restarts."""
