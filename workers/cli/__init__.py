"""The ``wire`` command line and what its commands print."""
