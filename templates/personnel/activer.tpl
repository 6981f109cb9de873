{{%AUTOESCAPE context="HTML"}}
{{! GET /personnel/activer?code=: a new staff account's enrolment link (72 h,
    single use). CODE is posted back in a hidden field. Next: the second
    factor's enrolment (/personnel/code). }}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Activer votre compte</h1>
{{#HAS_ERRORS}}
<div id="erreurs" class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le formulaire contient des erreurs</h2>
<ul>{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERRORS}}</ul>
</div>
{{/HAS_ERRORS}}
<p>Votre identifiant est <strong>{{IDENTIFIER}}</strong>. Choisissez votre mot de passe ; à l'étape suivante, vous associerez une application d'authentification (double authentification) à votre compte.</p>
<form method="post" action="/personnel/activer" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="code" value="{{CODE}}">
<p class="fr-hint-text">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
<div class="fr-input-group{{#MOT_DE_PASSE_HAS_ERROR}} fr-input-group--error{{/MOT_DE_PASSE_HAS_ERROR}}">
<div class="fr-password" id="mot_de_passe-group">
<label class="fr-password__label fr-label" for="mot_de_passe">Mot de passe *
<span class="fr-hint-text" id="mot_de_passe-hint">8 à 14 caractères alphanumériques (chiffres et lettres obligatoires)</span></label>
<div class="fr-input-wrap">
<input class="fr-password__input fr-input{{#MOT_DE_PASSE_HAS_ERROR}} fr-input--error{{/MOT_DE_PASSE_HAS_ERROR}}" type="password" id="mot_de_passe" name="mot_de_passe" autocomplete="new-password" spellcheck="false" required aria-describedby="mot_de_passe-hint{{#MOT_DE_PASSE_HAS_ERROR}} mot_de_passe-error{{/MOT_DE_PASSE_HAS_ERROR}}"{{#MOT_DE_PASSE_HAS_ERROR}} aria-invalid="true"{{/MOT_DE_PASSE_HAS_ERROR}}>
</div>
<div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
<input type="checkbox" id="mot_de_passe-afficher" aria-label="Afficher le mot de passe">
<label class="fr-password__checkbox fr-label" for="mot_de_passe-afficher">Afficher</label>
</div>
</div>
{{#MOT_DE_PASSE_HAS_ERROR}}<p id="mot_de_passe-error" class="fr-error-text">{{MOT_DE_PASSE_ERROR}}</p>{{/MOT_DE_PASSE_HAS_ERROR}}
</div>
<div class="fr-input-group{{#CONFIRMATION_HAS_ERROR}} fr-input-group--error{{/CONFIRMATION_HAS_ERROR}}">
<div class="fr-password" id="confirmation-group">
<label class="fr-password__label fr-label" for="confirmation">Confirmation du mot de passe *</label>
<div class="fr-input-wrap">
<input class="fr-password__input fr-input{{#CONFIRMATION_HAS_ERROR}} fr-input--error{{/CONFIRMATION_HAS_ERROR}}" type="password" id="confirmation" name="confirmation" autocomplete="new-password" spellcheck="false" required{{#CONFIRMATION_HAS_ERROR}} aria-invalid="true" aria-describedby="confirmation-error"{{/CONFIRMATION_HAS_ERROR}}>
</div>
<div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
<input type="checkbox" id="confirmation-afficher" aria-label="Afficher la confirmation du mot de passe">
<label class="fr-password__checkbox fr-label" for="confirmation-afficher">Afficher</label>
</div>
</div>
{{#CONFIRMATION_HAS_ERROR}}<p id="confirmation-error" class="fr-error-text">{{CONFIRMATION_ERROR}}</p>{{/CONFIRMATION_HAS_ERROR}}
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button type="submit" class="fr-btn">Valider</button></li>
</ul>
</form>
</div>
</div>
