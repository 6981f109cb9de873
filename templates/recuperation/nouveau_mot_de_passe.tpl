{{%AUTOESCAPE context="HTML"}}
{{! The mailed reset link: a new password, twice. CODE is the link's code
    (base64url), posted back in a hidden field. }}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Nouveau mot de passe</h1>
{{#HAS_ERRORS}}
<div id="erreurs" class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le formulaire contient des erreurs</h2>
<ul>{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERRORS}}</ul>
</div>
{{/HAS_ERRORS}}
<p>Choisissez le nouveau mot de passe de votre compte <strong>{{IDENTIFIER}}</strong>. Une fois validé, il remplace l'ancien et toutes les connexions ouvertes avec votre compte sont fermées.</p>
<form method="post" action="/reinitialiser-mot-de-passe" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="code" value="{{CODE}}">
<p class="fr-hint-text">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
<div class="fr-input-group{{#MOT_DE_PASSE_HAS_ERROR}} fr-input-group--error{{/MOT_DE_PASSE_HAS_ERROR}}">
<div class="fr-password" id="mot_de_passe-group">
<label class="fr-password__label fr-label" for="mot_de_passe">Nouveau mot de passe *
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
<div class="fr-input-group{{#MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}} fr-input-group--error{{/MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}}">
<div class="fr-password" id="mot_de_passe_confirmation-group">
<label class="fr-password__label fr-label" for="mot_de_passe_confirmation">Confirmation du mot de passe *</label>
<div class="fr-input-wrap">
<input class="fr-password__input fr-input{{#MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}} fr-input--error{{/MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}}" type="password" id="mot_de_passe_confirmation" name="mot_de_passe_confirmation" autocomplete="new-password" spellcheck="false" required{{#MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}} aria-invalid="true" aria-describedby="mot_de_passe_confirmation-error"{{/MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}}>
</div>
<div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
<input type="checkbox" id="mot_de_passe_confirmation-afficher" aria-label="Afficher la confirmation du mot de passe">
<label class="fr-password__checkbox fr-label" for="mot_de_passe_confirmation-afficher">Afficher</label>
</div>
</div>
{{#MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}}<p id="mot_de_passe_confirmation-error" class="fr-error-text">{{MOT_DE_PASSE_CONFIRMATION_ERROR}}</p>{{/MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}}
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button type="submit" class="fr-btn">Valider</button></li>
</ul>
</form>
</div>
</div>
