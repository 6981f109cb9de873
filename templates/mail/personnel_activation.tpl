{{%AUTOESCAPE context="HTML"}}{{! A plain-text mail, never HTML: variables are written as they are (:none). LINK is our base URL and a base64url code; IDENTIFIER is [a-z0-9._-]; HOURS a number. Sent to a new staff account's address, given by the direction. }}
Bonjour,

un compte Scolarité services vient d'être créé pour vous par la direction de votre établissement.
Pour choisir votre mot de passe et configurer la double authentification, ouvrez le lien ci-dessous :

{{LINK:none}}

Ce lien ne sert qu'une fois et n'est valable que {{HOURS:none}} heures. Passé ce délai, demandez-en un nouveau à la direction de votre établissement.

Votre identifiant : {{IDENTIFIER:none}}

Si vous n'attendiez pas ce message, ignorez-le.

Cordialement.
L'administrateur des services en ligne.
