"""The offline demo model: an OpenAI-compatible streaming server answering each template with canned Chinese JSON."""
