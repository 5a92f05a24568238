from collections.abc import Callable

from django.test import Client

from ingang.accounts.models import User

# The `login` fixture (conftest.py): sign a staff member in with a verified second factor.
LoginAs = Callable[[User], Client]
