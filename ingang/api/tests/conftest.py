from ingang.api.tests.fixtures import filled, token_for

__all__ = ["filled", "token_for"]
