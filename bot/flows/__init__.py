"""Conversations: the flow engine, its step kinds, and the flows built from content."""
