{{%AUTOESCAPE context="HTML"}}
{{! The outcome of a generation or a re-notification that printed no
    letter: HEADING, SCOPE (the class or "tout l'établissement"), the counts
    CREATED, RENEWED, ATTACHED, UNCHANGED, HELD (letters reported, waiting
    for staff), MAILED and MAIL_LIMITED (MAILS section when a
    re-notification). }}
<h1>{{HEADING}}</h1>
<div class="fr-alert fr-alert--info fr-mb-3w" role="status"><p>Aucun courrier à imprimer pour {{SCOPE}}.</p></div>
<ul id="resultat">
{{#MAILS}}<li>Mails d'invitation envoyés : {{MAILED}}</li>
<li>Mails non envoyés (un mail vient de partir vers cette adresse, ou trop de mails envoyés) : {{MAIL_LIMITED}}</li>
{{/MAILS}}<li>Comptes créés : {{CREATED}}</li>
<li>Courriers renouvelés : {{RENEWED}}</li>
<li>Enfants rattachés à un compte actif, sans courrier : {{ATTACHED}}</li>
<li>Comptes déjà en service : {{UNCHANGED}}</li>
<li>Courriers signalés « je ne suis pas le représentant légal », en attente de traitement (Signalements) : {{HELD}}</li>
</ul>
<p><a class="fr-link" href="/etablissement/courriers">Retour aux courriers</a></p>
