{{%AUTOESCAPE context="HTML"}}
{{! The ten recovery codes, shown once: after the enrolment (/personnel/code)
    and when Mon compte regenerates them. Only their digests are kept. }}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Vos codes de secours</h1>
<div class="fr-alert fr-alert--warning fr-mb-3w">
<h2 class="fr-alert__title">Notez-les maintenant : ils ne seront plus affichés</h2>
<p>Chaque code sert une seule fois, à la place du code de l'application, si vous n'avez plus votre téléphone. Gardez-les en lieu sûr, hors de votre téléphone (imprimés, ou dans un gestionnaire de mots de passe).</p>
</div>
<ol id="codes-de-secours" class="ts-codes">
{{#CODE}}<li><code>{{VALUE}}</code></li>
{{/CODE}}</ol>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><a class="fr-btn" href="/etablissement">J'ai noté mes codes, continuer</a></li>
</ul>
</div>
</div>
