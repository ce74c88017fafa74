"""Khuyến công reports turned into traceable tables and slide-ready charts."""

__version__ = "0.1.0"
