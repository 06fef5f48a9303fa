"""Where storage meets the pure stages: parse, extract, dedupe and stories over a Session."""
