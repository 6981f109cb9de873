{{%AUTOESCAPE context="HTML"}}{{! A plain-text mail, never HTML: variables are written as they are (:none). IDENTIFIER is [a-z0-9._-]. Sent to the confirmed address whenever the password of the account changes (reset link, or "Mon compte"). }}
Bonjour,

le mot de passe de votre compte des services en ligne de l'éducation nationale vient d'être modifié.

Votre identifiant : {{IDENTIFIER:none}}

Si vous êtes à l'origine de cette modification, vous n'avez rien à faire.
Sinon, utilisez dès que possible « Mot de passe oublié ? » sur la page de connexion pour choisir un nouveau mot de passe, et prévenez l'établissement qui vous a remis votre courrier de notification.

Cordialement.
L'administrateur des services en ligne.
