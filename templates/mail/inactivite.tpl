{{%AUTOESCAPE context="HTML"}}{{! issue 13 — aide. A plain-text mail, never HTML: variables are written as they are (:none). IDENTIFIER is [a-z0-9._-]; DAYS the days left before the account is closed. Sent once to the confirmed address of an account unused for 335 days (teleservices-admin inactivity). }}
Bonjour,

votre compte des services en ligne de l'éducation nationale n'a pas été utilisé depuis près d'un an.

Votre identifiant : {{IDENTIFIER:none}}

Sans connexion de votre part dans les {{DAYS:none}} jours, il sera fermé. Pour le garder, il suffit de vous connecter une fois.

Cordialement.
L'administrateur des services en ligne.
