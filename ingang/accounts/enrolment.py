"""First sign-in: staff set up their authenticator app themselves.

A staff member without a confirmed TOTP device (a new account, or one whose
device an administrator removed) who signs in with the right password is not
signed in: the session only remembers, for ten minutes, that this user may
enrol. The enrolment page shows a fresh secret as a QR code and as text, and
the account is signed in (with the second factor verified) only once a code
from the new app is right. Nobody else ever sees the secret: administrators
reset a device by deleting it, never by handing one out.
"""

import base64
import time
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from ingang.accounts.models import User

ENROL_USER = "ingang_enrol_user"
ENROL_AT = "ingang_enrol_at"
ENROL_MAX_AGE = 10 * 60


def has_confirmed_device(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def enrolment_begin(request: HttpRequest, user: User) -> None:
    """Remember, in a fresh session, that this user (password checked) may enrol."""
    request.session.cycle_key()
    request.session[ENROL_USER] = user.pk
    request.session[ENROL_AT] = int(time.time())


def enrolment_end(request: HttpRequest) -> None:
    request.session.pop(ENROL_USER, None)
    request.session.pop(ENROL_AT, None)


def pending_user(request: HttpRequest) -> User | None:
    """The user this session may enrol, if the password was checked in the last ten minutes
    and the user still has no confirmed device."""
    user_id = request.session.get(ENROL_USER)
    started = request.session.get(ENROL_AT, 0)
    if user_id is None or int(time.time()) - int(started) > ENROL_MAX_AGE:
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or has_confirmed_device(user):
        return None
    return user


def enrolment_device(user: User) -> TOTPDevice:
    """The user's unconfirmed device, with the secret shown until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    return device


def enrolment_confirm(device: TOTPDevice, token: str) -> bool:
    """Confirm the device if the code is right (django-otp throttles wrong codes)."""
    if not device.verify_token(token.strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code, for an <img> (the CSP allows data: images)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into the app by hand."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
