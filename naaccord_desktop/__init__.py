"""NA-ACCORD Desktop Precheck."""

__version__ = "0.1.0"
