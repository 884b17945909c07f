"""Transports: Telegram, the terminal (`brug chat`) and the JSON-lines simulator."""
