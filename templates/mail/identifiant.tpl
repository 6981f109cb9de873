{{%AUTOESCAPE context="HTML"}}{{! A plain-text mail, never HTML: variables are written as they are (:none). IDENTIFIER is [a-z0-9._-]; NAME is the account's name as the school recorded it (plain text here). }}
Bonjour,

vous avez demandé à retrouver votre identifiant pour accéder aux services en ligne de l'éducation nationale.

Voici le ou les comptes dont cette adresse mail est l'adresse confirmée :
{{#ACCOUNT}}- identifiant : {{IDENTIFIER:none}} (compte de {{NAME:none}})
{{/ACCOUNT}}
Votre mot de passe ne change pas. Si vous l'avez oublié aussi, utilisez « Mot de passe oublié ? » sur la page de connexion.
Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer ce message.

Cordialement.
L'administrateur des services en ligne.
