{{%AUTOESCAPE context="HTML"}}{{! A plain-text mail, never HTML: variables are written as they are (:none). LINK is our base URL and a base64url code; IDENTIFIER is [a-z0-9._-]. }}
Bonjour,

vous souhaitez accéder aux services en ligne de l'éducation nationale.
Afin de pouvoir utiliser tous les services proposés, cliquez sur le lien ci-dessous :

{{LINK:none}}

Vous disposez d'un délai de 3 mois pour activer votre compte. Au-delà, le compte sera supprimé et vous devrez reprendre contact avec l'établissement pour en créer un nouveau.

Votre identifiant : {{IDENTIFIER:none}}

Cordialement.
L'administrateur des services en ligne.
