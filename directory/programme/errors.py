"""The partners' space errors: each one is a French message and an HTTP status."""

from __future__ import annotations

from directory.errors import DirectoryError, NotFoundError


class SignInRequiredError(DirectoryError):
    """No valid session: pages redirect to the sign-in form, the API answers 401."""

    status_code = 401
    title = "Connexion nécessaire"

    def __init__(
        self, message: str = "Connectez-vous pour accéder à l'espace partenaires."
    ) -> None:
        super().__init__(message)


class ForbiddenError(DirectoryError):
    status_code = 403
    title = "Accès refusé"


class FormRejectedError(DirectoryError):
    """A form that is forged, expired or sent twice: nothing is stored."""

    status_code = 400
    title = "Formulaire refusé"


class RecordNotFoundError(NotFoundError):
    title = "Introuvable"


class PasswordChangeRequiredError(DirectoryError):
    status_code = 403
    title = "Mot de passe à changer"

    def __init__(self) -> None:
        super().__init__("Choisissez un nouveau mot de passe avant de continuer.")
