"""Languages, gettext catalogs, digits and text limits."""


def N_(message: str) -> str:
    """Marks a string for translation where it is defined; it is translated where it is shown."""
    return message
