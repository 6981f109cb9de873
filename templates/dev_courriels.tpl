{{%AUTOESCAPE context="HTML"}}
<h1>Courriels reçus (développement)</h1>
<div class="fr-alert fr-alert--warning fr-mb-3w"><p>Cette page n'existe qu'en démonstration : elle montre les courriels que le service a envoyés. Elle est désactivée en production.</p></div>
{{#EMPTY}}<p>Aucun courriel pour l'instant.</p>{{/EMPTY}}
{{#MAIL}}
<article class="fr-card fr-card--no-arrow fr-mb-3w ts-mail"><div class="fr-card__body"><div class="fr-card__content">
<h2 class="fr-card__title">{{SUBJECT}}</h2>
<p class="fr-card__detail">À : {{TO}} — {{DATE}}</p>
<pre class="ts-mail__body">{{BODY}}</pre>
{{#LINK}}<p><a class="fr-link" href="{{URL}}">Ouvrir le lien : {{URL}}</a></p>{{/LINK}}
</div></div></article>
{{/MAIL}}
