{{%AUTOESCAPE context="HTML"}}{{! A plain-text mail, never HTML: variables are written as they are (:none). IDENTIFIER is [a-z0-9._-]. Sent to the PREVIOUS address once the new one is confirmed ("Mon compte"); it does not name the new address. }}
Bonjour,

l'adresse mail de votre compte des services en ligne de l'éducation nationale vient d'être remplacée par une nouvelle adresse, confirmée par le lien qui lui a été envoyé.

Votre identifiant : {{IDENTIFIER:none}}

Vous ne recevrez plus à cette adresse les messages de ce compte.

Si vous êtes à l'origine de cette modification, vous n'avez rien à faire.
Sinon, prévenez dès que possible l'établissement qui vous a remis votre courrier de notification.

Cordialement.
L'administrateur des services en ligne.
