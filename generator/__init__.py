"""meeting-digest: structured digests of Chinese local meeting reports, published with Pelican."""

__version__ = "0.1.0"
