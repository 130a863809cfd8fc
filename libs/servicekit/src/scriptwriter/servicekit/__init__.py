"""What every service shares: settings, logging, the NATS connection, streams and request/reply RPC."""
