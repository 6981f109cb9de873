{{%AUTOESCAPE context="HTML"}}{{! A plain-text mail, never HTML: variables are written as they are (:none). LINK is our base URL and a base64url code; IDENTIFIER is [a-z0-9._-]; MINUTES a number. }}
Bonjour,

vous avez demandé à choisir un nouveau mot de passe pour votre compte des services en ligne de l'éducation nationale.

Votre identifiant : {{IDENTIFIER:none}}

Pour choisir votre nouveau mot de passe, cliquez sur le lien ci-dessous :

{{LINK:none}}

Ce lien ne peut servir qu'une seule fois et n'est valable que {{MINUTES:none}} minutes. Passé ce délai, faites une nouvelle demande avec « Mot de passe oublié ? » sur la page de connexion.

Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.

Cordialement.
L'administrateur des services en ligne.
