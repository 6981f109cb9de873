{{%AUTOESCAPE context="HTML"}}
{{! issue 13 — aide. Reporting a letter (GET/POST /premiere-connexion/signalement):
    IDENTIFIER, CHILD_FIRST_NAME (the pupil the letter names), RESPONSABLE or
    ELEVE; the box `confirmer` with its error (CONFIRMER_HAS_ERROR,
    CONFIRMER_ERROR) and the error summary. }}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1>Signaler un courrier qui ne vous concerne pas</h1>
{{#HAS_ERRORS}}
<div class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" id="erreurs" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le formulaire contient des erreurs</h2>
<ul>{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERRORS}}</ul>
</div>
{{/HAS_ERRORS}}
<p>Vous vous êtes connecté avec le courrier de l'identifiant <strong>{{IDENTIFIER}}</strong>{{#RESPONSABLE}}, adressé au représentant légal de {{CHILD_FIRST_NAME}}{{/RESPONSABLE}}{{#ELEVE}}, adressé à l'élève {{CHILD_FIRST_NAME}}{{/ELEVE}}.</p>
<p>Si ce courrier ne vous concerne pas, signalez-le : il est suspendu immédiatement (plus personne ne peut s'en servir pour se connecter) et l'établissement examine votre signalement. Vous serez ensuite déconnecté.</p>
<form method="post" action="/premiere-connexion/signalement" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="fr-checkbox-group fr-mb-3w{{#CONFIRMER_HAS_ERROR}} fr-checkbox-group--error{{/CONFIRMER_HAS_ERROR}}">
<input type="checkbox" id="confirmer" name="confirmer" value="1"{{#CONFIRMER_HAS_ERROR}} aria-invalid="true" aria-describedby="confirmer-error"{{/CONFIRMER_HAS_ERROR}}>
<label class="fr-label" for="confirmer">{{#RESPONSABLE}}Je ne suis pas le représentant légal de cet élève{{/RESPONSABLE}}{{#ELEVE}}Je ne suis pas cet élève{{/ELEVE}} : je signale ce courrier.</label>
{{#CONFIRMER_HAS_ERROR}}<p id="confirmer-error" class="fr-error-text">{{CONFIRMER_ERROR}}</p>{{/CONFIRMER_HAS_ERROR}}
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit">Signaler ce courrier</button></li>
<li><a class="fr-btn fr-btn--secondary" href="/premiere-connexion">Revenir à la première connexion</a></li>
</ul>
</form>
</div>
</div>
