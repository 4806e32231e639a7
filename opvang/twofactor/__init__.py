"""Second factor: TOTP enrolment and verification with single-use backup codes (django-otp)."""
