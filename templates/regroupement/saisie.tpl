{{%AUTOESCAPE context="HTML"}}
{{! Regrouper des comptes, step 1: the identifier and password of the other account (a letter not yet used, or an activated responsable account). }}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1 class="ts-maj">Regrouper des comptes</h1>
{{#HAS_ERRORS}}
<div class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" id="erreurs" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le formulaire contient des erreurs</h2>
<ul>{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERRORS}}</ul>
</div>
{{/HAS_ERRORS}}
<p>Si vous avez reçu un courrier de notification pour chacun de vos enfants, ou si vous avez déjà activé un autre compte, saisissez ci-dessous l'identifiant et le mot de passe de ce compte : ses élèves seront rattachés au compte avec lequel vous êtes connecté, et ce compte sera fermé.</p>
<p class="fr-text--sm">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
<form method="post" action="/compte/regroupement" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<fieldset class="fr-fieldset">
<legend class="fr-fieldset__legend fr-h5">Compte à regrouper avec {{IDENTIFIER}}</legend>
<div class="fr-fieldset__element">
<div class="fr-input-group{{#IDENTIFIANT_HAS_ERROR}} fr-input-group--error{{/IDENTIFIANT_HAS_ERROR}}">
<label class="fr-label" for="identifiant">Identifiant du compte*</label>
<input class="fr-input{{#IDENTIFIANT_HAS_ERROR}} fr-input--error{{/IDENTIFIANT_HAS_ERROR}}" type="text" id="identifiant" name="identifiant" autocomplete="off" spellcheck="false" autocapitalize="none" value="{{IDENTIFIANT_VALUE}}" aria-required="true"{{#IDENTIFIANT_HAS_ERROR}} aria-invalid="true" aria-describedby="identifiant-error"{{/IDENTIFIANT_HAS_ERROR}}>
{{#IDENTIFIANT_HAS_ERROR}}<p id="identifiant-error" class="fr-error-text">{{IDENTIFIANT_ERROR}}</p>{{/IDENTIFIANT_HAS_ERROR}}
</div>
</div>
<div class="fr-fieldset__element">
<div class="fr-password{{#MOT_DE_PASSE_HAS_ERROR}} fr-input-group--error{{/MOT_DE_PASSE_HAS_ERROR}}" id="mot_de_passe-group">
<label class="fr-label" for="mot_de_passe">Mot de passe du compte*</label>
<div class="fr-input-wrap">
<input class="fr-password__input fr-input{{#MOT_DE_PASSE_HAS_ERROR}} fr-input--error{{/MOT_DE_PASSE_HAS_ERROR}}" type="password" id="mot_de_passe" name="mot_de_passe" autocomplete="off" aria-required="true"{{#MOT_DE_PASSE_HAS_ERROR}} aria-invalid="true" aria-describedby="mot_de_passe-error"{{/MOT_DE_PASSE_HAS_ERROR}}>
</div>
{{#MOT_DE_PASSE_HAS_ERROR}}<p id="mot_de_passe-error" class="fr-error-text">{{MOT_DE_PASSE_ERROR}}</p>{{/MOT_DE_PASSE_HAS_ERROR}}
<div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
<input aria-label="Afficher le mot de passe" id="mot_de_passe-show" type="checkbox">
<label class="fr-password__checkbox fr-label" for="mot_de_passe-show">Afficher</label>
</div>
</div>
</div>
</fieldset>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit">SUIVANT</button></li>
<li><a class="fr-btn fr-btn--secondary" href="/compte/enfants">ANNULER</a></li>
</ul>
</form>
{{#ATTACHABLE}}
<h2 class="fr-mt-5w">Enfants que vous pouvez rattacher sans second courrier</h2>
<p>L'établissement vous connaît comme responsable des élèves ci-dessous, rattachés à un courrier de notification que vous n'avez pas encore utilisé. Pour rattacher l'un d'eux à ce compte, saisissez sa date de naissance.</p>
{{#KNOWN_CHILD}}
<form method="post" action="/compte/regroupement/enfant" novalidate class="fr-mb-3w">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="eleve" value="{{PUPIL_ID}}">
<div class="fr-input-group{{#DATE_HAS_ERROR}} fr-input-group--error{{/DATE_HAS_ERROR}}">
<label class="fr-label" for="date_naissance-{{PUPIL_ID}}">Date de naissance de {{FIRST_NAME}} {{LAST_NAME}} *
<span class="fr-hint-text" id="date_naissance-{{PUPIL_ID}}-hint">Format attendu : JJ/MM/AAAA, par exemple 14/03/2012</span></label>
<input class="fr-input{{#DATE_HAS_ERROR}} fr-input--error{{/DATE_HAS_ERROR}}" type="text" inputmode="numeric" autocomplete="off" id="date_naissance-{{PUPIL_ID}}" name="date_naissance" value="{{DATE_VALUE}}" aria-required="true" aria-describedby="date_naissance-{{PUPIL_ID}}-hint{{#DATE_HAS_ERROR}} date_naissance-{{PUPIL_ID}}-error{{/DATE_HAS_ERROR}}"{{#DATE_HAS_ERROR}} aria-invalid="true"{{/DATE_HAS_ERROR}}>
{{#DATE_HAS_ERROR}}<p id="date_naissance-{{PUPIL_ID}}-error" class="fr-error-text">{{DATE_ERROR}}</p>{{/DATE_HAS_ERROR}}
</div>
<button class="fr-btn fr-btn--secondary" type="submit">Rattacher {{FIRST_NAME}} {{LAST_NAME}}</button>
</form>
{{/KNOWN_CHILD}}
{{/ATTACHABLE}}
</div>
</div>
