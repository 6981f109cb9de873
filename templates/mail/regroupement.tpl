{{%AUTOESCAPE context="HTML"}}{{! A plain-text mail, never HTML: variables are written as they are (:none). IDENTIFIER/CLOSED are [a-z0-9._-]. Sent to the confirmed addresses of both accounts after a regroupement. }}
Bonjour,

les comptes des services en ligne de l'éducation nationale {{IDENTIFIER:none}} et {{CLOSED:none}} viennent d'être regroupés.

Le compte {{CLOSED:none}} est fermé. Seul le compte {{IDENTIFIER:none}} reste disponible : il donne accès à l'ensemble des élèves qui étaient rattachés aux deux comptes.

Si vous n'êtes pas à l'origine de cette opération, prévenez dès que possible l'établissement qui vous a remis votre courrier de notification.

Cordialement.
L'administrateur des services en ligne.
