{{%AUTOESCAPE context="HTML"}}
{{! Ten new recovery codes (POST /etablissement/compte/codes-de-secours),
    shown this once: CODE rows. }}
<div class="fr-grid-row">
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Nouveaux codes de secours</h1>
<div class="fr-alert fr-alert--warning fr-mb-3w">
<h2 class="fr-alert__title">Notez-les maintenant</h2>
<p>Ces codes ne seront plus jamais affichés. Chacun ne sert qu'une fois, à la place du code de votre application d'authentification. Vos anciens codes ne servent plus.</p>
</div>
<ol id="codes-de-secours">
{{#CODE}}<li><code>{{CODE}}</code></li>
{{/CODE}}
</ol>
<p><a href="/etablissement/compte">Retour à mon compte</a></p>
</div>
</div>
