"""Languages, gettext catalogs, digits and text limits."""


def N_(message: str) -> str:
    """Marks a string for translation where it is defined; it is translated where it is shown."""
    return message


def L_(message: str) -> str:
    """Marks a button label where it is defined (a table of labels); translated where shown.
    Its catalog entry gets the channel's label limit (`max-length`)."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:
    """Marks a short text with its context where it is defined; shown with
    `pgettext(*pair)`."""
    return (context, message)
