"""Create an API token for an agency's system. The token is printed once and never stored."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ingang.accounts.models import User
from ingang.api.models import Scope
from ingang.api.services import api_client_create, api_token_create


class Command(BaseCommand):
    help = (
        "Create an API token for a system client of an agency, acting as a staff member of "
        "that agency (whose role and case teams bound what the gate lets it read). "
        "Prints the token once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--client", required=True, help="the client system's name")
        parser.add_argument(
            "--acts-as", required=True, help="username of the staff identity the client acts as"
        )
        parser.add_argument(
            "--scope",
            action="append",
            choices=Scope.values,
            help="a scope (repeat for several; default: read)",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=settings.API_TOKEN_DEFAULT_DAYS,
            help="days until the token expires",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = (
            User.objects.select_related("unit__agency").filter(username=options["acts_as"]).first()
        )
        if user is None or not user.is_active:
            raise CommandError(f"No active staff member {options['acts_as']!r}.")
        try:
            client = api_client_create(name=options["client"], acts_as=user)
            issued = api_token_create(
                client=client, scopes=options["scope"] or [Scope.READ], days=options["days"]
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        token = issued.token
        self.stderr.write(
            f"Client {client} acting as {user.username}; scopes {', '.join(token.scopes)}; "
            f"expires {token.expires_at:%Y-%m-%d %H:%M} UTC. The token is shown only now:"
        )
        self.stdout.write(issued.plain)
