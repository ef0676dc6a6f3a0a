"""venues: rank and explain candidate summit venues from dated, sourced records."""

__version__ = "0.1.0"
