"""Password validators Django does not ship."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MaximumLengthValidator:
    """Reject absurdly long passwords (hashing cost), while allowing well over 64 characters."""

    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user=None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                _("This password is too long: use at most %(max)d characters.") % {"max": self.max_length},
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return _("Your password can be at most %(max)d characters long.") % {"max": self.max_length}


def bsn_is_valid(value: str) -> bool:
    """The 11-proof of a Dutch citizen service number (BSN): weights 9..2 and -1, sum divisible by 11."""
    if not (value.isdigit() and len(value) == 9) or value == "000000000":
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(value, weights, strict=True)) % 11 == 0


def validate_bsn(value: str) -> None:
    if not bsn_is_valid(value):
        raise ValidationError(_("This is not a valid BSN (it must be 9 digits and pass the 11-proof)."), code="bsn")


def validate_not_in_future(value) -> None:
    from django.utils import timezone

    if value and value > timezone.localdate():
        raise ValidationError(_("This date lies in the future."), code="future_date")
