"""Named actions on users and their roles; each runs in one transaction."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from trustledger.accounts.models import Membership, Role, User
from trustledger.directory.models import Person, Unit


@transaction.atomic
def create_user(
    *,
    username: str,
    password: str,
    email: str = "",
    admin: bool = False,
    unit_name: str | None = None,
    role: str = Role.MEMBER,
    person_id: int | None = None,
    check_password: bool = True,
) -> User:
    if User.objects.filter(username=username).exists():
        raise ValueError(f"a user named {username!r} already exists")
    if role not in Role.values:
        raise ValueError(f"role {role!r} is not one of {', '.join(Role.values)}")
    unit = None
    if unit_name:
        units = list(Unit.objects.filter(name=unit_name)[:2])
        if not units:
            raise ValueError(f"no unit named {unit_name!r}")
        if len(units) > 1:
            raise ValueError(f"several units are named {unit_name!r}; rename one first")
        unit = units[0]
    person = None
    if person_id is not None:
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise ValueError(f"no person with id {person_id}")
    user = User(username=username, email=email, is_staff=admin, is_superuser=admin, person=person)
    if check_password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValueError("password refused: " + " ".join(exc.messages)) from None
    user.set_password(password)
    user.save()
    if unit is not None:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user
