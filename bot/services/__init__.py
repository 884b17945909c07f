"""What is not a conversation: the outbox and its sender, rate limits, scheduling."""
