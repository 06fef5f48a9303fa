from tests.extract.conftest import nlp

__all__ = ["nlp"]
