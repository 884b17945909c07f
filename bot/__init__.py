"""Brug: a multilingual chat assistant for newcomers in Flanders on their way to work."""
