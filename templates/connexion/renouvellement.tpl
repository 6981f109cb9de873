{{%AUTOESCAPE context="HTML"}}
{{! issue 13 — aide. The new password the school demanded (GET/POST
    /connexion/nouveau-mot-de-passe, session stage renew): NAME; the fields
    nouveau_mot_de_passe, confirmation (their NAME_HAS_ERROR, NAME_ERROR);
    the error summary (HAS_ERRORS, ERRORS: FIELD, MESSAGE). }}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Choisir un nouveau mot de passe</h1>
<p>Bonjour {{NAME}}.</p>
<div class="fr-alert fr-alert--info fr-mb-3w"><p>Votre établissement vous demande de choisir un nouveau mot de passe avant d'accéder à vos services, par mesure de sécurité. Vos autres connexions en cours ont été fermées.</p></div>
{{#HAS_ERRORS}}
<div class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" id="erreurs" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le mot de passe n'a pas été changé</h2>
<ul>{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERRORS}}</ul>
</div>
{{/HAS_ERRORS}}
<p class="fr-hint-text">Les champs marqués d'un astérisque (*) sont obligatoires. Le nouveau mot de passe doit être différent de l'actuel.</p>
<form method="post" action="/connexion/nouveau-mot-de-passe" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="fr-input-group{{#NOUVEAU_MOT_DE_PASSE_HAS_ERROR}} fr-input-group--error{{/NOUVEAU_MOT_DE_PASSE_HAS_ERROR}}">
<div class="fr-password">
<label class="fr-label" for="nouveau_mot_de_passe">Nouveau mot de passe *
<span class="fr-hint-text" id="nouveau_mot_de_passe-hint">8 à 14 caractères alphanumériques (chiffres et lettres obligatoires)</span></label>
<div class="fr-input-wrap">
<input class="fr-password__input fr-input{{#NOUVEAU_MOT_DE_PASSE_HAS_ERROR}} fr-input--error{{/NOUVEAU_MOT_DE_PASSE_HAS_ERROR}}" type="password" id="nouveau_mot_de_passe" name="nouveau_mot_de_passe" autocomplete="new-password" spellcheck="false" required aria-describedby="nouveau_mot_de_passe-hint{{#NOUVEAU_MOT_DE_PASSE_HAS_ERROR}} nouveau_mot_de_passe-error{{/NOUVEAU_MOT_DE_PASSE_HAS_ERROR}}"{{#NOUVEAU_MOT_DE_PASSE_HAS_ERROR}} aria-invalid="true"{{/NOUVEAU_MOT_DE_PASSE_HAS_ERROR}}>
</div>
<div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
<input type="checkbox" id="nouveau_mot_de_passe-afficher" aria-label="Afficher le nouveau mot de passe">
<label class="fr-password__checkbox fr-label" for="nouveau_mot_de_passe-afficher">Afficher</label>
</div>
</div>
{{#NOUVEAU_MOT_DE_PASSE_HAS_ERROR}}<p id="nouveau_mot_de_passe-error" class="fr-error-text">{{NOUVEAU_MOT_DE_PASSE_ERROR}}</p>{{/NOUVEAU_MOT_DE_PASSE_HAS_ERROR}}
</div>
<div class="fr-input-group{{#CONFIRMATION_HAS_ERROR}} fr-input-group--error{{/CONFIRMATION_HAS_ERROR}}">
<div class="fr-password">
<label class="fr-label" for="confirmation">Confirmation du nouveau mot de passe *</label>
<div class="fr-input-wrap">
<input class="fr-password__input fr-input{{#CONFIRMATION_HAS_ERROR}} fr-input--error{{/CONFIRMATION_HAS_ERROR}}" type="password" id="confirmation" name="confirmation" autocomplete="new-password" spellcheck="false" required{{#CONFIRMATION_HAS_ERROR}} aria-invalid="true" aria-describedby="confirmation-error"{{/CONFIRMATION_HAS_ERROR}}>
</div>
<div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
<input type="checkbox" id="confirmation-afficher" aria-label="Afficher la confirmation du nouveau mot de passe">
<label class="fr-password__checkbox fr-label" for="confirmation-afficher">Afficher</label>
</div>
</div>
{{#CONFIRMATION_HAS_ERROR}}<p id="confirmation-error" class="fr-error-text">{{CONFIRMATION_ERROR}}</p>{{/CONFIRMATION_HAS_ERROR}}
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button type="submit" class="fr-btn">Enregistrer le nouveau mot de passe</button></li>
</ul>
</form>
</div>
</div>
