"""Errors that commands turn into one line for a person, raised below the command line."""


class ExtraSitesError(ImportError):
    """A module BAOTINH_EXTRA_SITES names cannot be imported; the message says which and why.

    Defined here, not beside the registry, so that the command line can catch it without
    importing the registry (which is what raises it)."""
