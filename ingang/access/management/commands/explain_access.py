import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from ingang.access.explain import access_explain
from ingang.accounts.models import User
from ingang.core.categories import parse_category
from ingang.people.identity_numbers import InvalidIdentityNumber, parse_identity_number
from ingang.people.models import Person

ALLOW, DENY, BAD_INPUT = 0, 1, 2


class Command(BaseCommand):
    help = (
        "Explain whether a staff member may read a category of a person's data. "
        "Prints allow or deny and the reason; exits 0 (allow), 1 (deny) or 2 (bad input)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--staff", required=True, help="the staff member's username")
        parser.add_argument("--person", required=True, help="personnummer or samordningsnummer")
        parser.add_argument("--category", required=True, help="identity, plan, assessment, ...")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            category = parse_category(options["category"])
            number = parse_identity_number(options["person"])
        except (ValueError, InvalidIdentityNumber) as exc:
            self._bad_input(str(exc))
        staff = (
            User.objects.select_related("unit__agency").filter(username=options["staff"]).first()
        )
        if staff is None:
            self._bad_input(f"No staff member with username {options['staff']!r}.")
        person = Person.objects.filter(personal_number=number.digits).first()
        if person is None:
            self._bad_input(f"No person with identity number {number.formatted}.")
        explanation = access_explain(staff=staff, person=person, category=category)
        self.stdout.write("allow" if explanation.decision else "deny")
        for line in explanation.lines:
            self.stdout.write(line)
        sys.exit(ALLOW if explanation.decision else DENY)

    def _bad_input(self, message: str) -> NoReturn:
        self.stderr.write(message)
        sys.exit(BAD_INPUT)
