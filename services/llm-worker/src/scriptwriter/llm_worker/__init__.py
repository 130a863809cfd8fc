"""The llm-worker: takes LLM jobs from the shared queue and streams model output to the event log."""
