{{%AUTOESCAPE context="HTML"}}{{! A plain-text mail, never HTML: variables are written as they are (:none). LINK is our base URL and a base64url code; IDENTIFIER is [a-z0-9._-]; HOURS a number. Sent to the NEW address asked for in "Mon compte"; the old one stays in force until the link is opened. }}
Bonjour,

vous avez demandé que cette adresse devienne l'adresse mail de votre compte des services en ligne de l'éducation nationale.

Votre identifiant : {{IDENTIFIER:none}}

Pour confirmer cette nouvelle adresse, cliquez sur le lien ci-dessous :

{{LINK:none}}

Ce lien ne peut servir qu'une seule fois et n'est valable que {{HOURS:none}} heures. Tant que vous ne l'avez pas ouvert, votre compte continue d'utiliser l'adresse précédente.

Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien ne sera modifié.

Cordialement.
L'administrateur des services en ligne.
