"""Scores of pipeline stages against gold data sets."""
