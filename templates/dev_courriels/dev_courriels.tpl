{{%AUTOESCAPE context="HTML"}}
<h1>Courriels reçus (développement)</h1>
<div class="fr-alert fr-alert--warning fr-mb-3w"><p>Cette page n'existe qu'en démonstration : elle montre les courriels que le service a envoyés. Elle est désactivée en production.</p></div>
{{#EMPTY}}<p>Aucun courriel pour l'instant.</p>{{/EMPTY}}
{{#MAIL}}
<article class="ts-mail fr-mb-4w">
<h2 class="fr-h4">{{SUBJECT}}</h2>
<p class="fr-text--sm">À : {{TO}} — {{DATE}}</p>
{{! pre_escape: HTML-escaped, line breaks kept. }}
<pre class="ts-mail__body">{{BODY:pre_escape}}</pre>
{{#LINK}}<p><a class="fr-link ts-mail__link" href="{{URL}}">Ouvrir le lien : {{URL}}</a></p>{{/LINK}}
</article>
{{/MAIL}}
