{{%AUTOESCAPE context="HTML"}}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1>Première connexion</h1>
{{#HAS_ERRORS}}
<div class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" id="erreurs" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le formulaire contient des erreurs</h2>
<ul>{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERRORS}}</ul>
</div>
{{/HAS_ERRORS}}
<p class="fr-text--sm">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
<form method="post" action="/premiere-connexion" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<fieldset class="fr-fieldset">
<legend class="fr-fieldset__legend fr-h5">Vos informations</legend>
<div class="fr-fieldset__element">
<p>Votre identifiant : <strong>{{IDENTIFIER}}</strong></p>
</div>
<div class="fr-fieldset__element">
<div class="fr-password{{#MOT_DE_PASSE_HAS_ERROR}} fr-input-group--error{{/MOT_DE_PASSE_HAS_ERROR}}" id="mot_de_passe-group">
<label class="fr-label" for="mot_de_passe">Nouveau mot de passe *
<span class="fr-hint-text" id="mot_de_passe-hint">8 à 14 caractères alphanumériques (chiffres et lettres obligatoires)</span></label>
<div class="fr-input-wrap">
<input class="fr-password__input fr-input{{#MOT_DE_PASSE_HAS_ERROR}} fr-input--error{{/MOT_DE_PASSE_HAS_ERROR}}" type="password" id="mot_de_passe" name="mot_de_passe" autocomplete="new-password" aria-required="true" aria-describedby="mot_de_passe-hint{{#MOT_DE_PASSE_HAS_ERROR}} mot_de_passe-error{{/MOT_DE_PASSE_HAS_ERROR}}"{{#MOT_DE_PASSE_HAS_ERROR}} aria-invalid="true"{{/MOT_DE_PASSE_HAS_ERROR}}>
</div>
{{#MOT_DE_PASSE_HAS_ERROR}}<p id="mot_de_passe-error" class="fr-error-text">{{MOT_DE_PASSE_ERROR}}</p>{{/MOT_DE_PASSE_HAS_ERROR}}
<div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
<input aria-label="Afficher le mot de passe" id="mot_de_passe-show" type="checkbox">
<label class="fr-password__checkbox fr-label" for="mot_de_passe-show">Afficher</label>
</div>
</div>
</div>
<div class="fr-fieldset__element">
<div class="fr-password{{#MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}} fr-input-group--error{{/MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}}" id="mot_de_passe_confirmation-group">
<label class="fr-label" for="mot_de_passe_confirmation">Confirmation du mot de passe *</label>
<div class="fr-input-wrap">
<input class="fr-password__input fr-input{{#MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}} fr-input--error{{/MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}}" type="password" id="mot_de_passe_confirmation" name="mot_de_passe_confirmation" autocomplete="new-password" aria-required="true"{{#MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}} aria-invalid="true" aria-describedby="mot_de_passe_confirmation-error"{{/MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}}>
</div>
{{#MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}}<p id="mot_de_passe_confirmation-error" class="fr-error-text">{{MOT_DE_PASSE_CONFIRMATION_ERROR}}</p>{{/MOT_DE_PASSE_CONFIRMATION_HAS_ERROR}}
<div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
<input aria-label="Afficher la confirmation du mot de passe" id="mot_de_passe_confirmation-show" type="checkbox">
<label class="fr-password__checkbox fr-label" for="mot_de_passe_confirmation-show">Afficher</label>
</div>
</div>
</div>
<div class="fr-fieldset__element">
<div class="fr-input-group{{#EMAIL_HAS_ERROR}} fr-input-group--error{{/EMAIL_HAS_ERROR}}">
<label class="fr-label" for="email">Adresse mail{{#RESPONSABLE}} *{{/RESPONSABLE}}
<span class="fr-hint-text" id="email-hint">{{#RESPONSABLE}}Vous devez indiquer une adresse mail existante : vous y recevrez un lien à ouvrir pour activer votre compte.{{/RESPONSABLE}}{{#ELEVE}}Facultative, mais indispensable pour retrouver seul votre identifiant ou votre mot de passe.{{/ELEVE}}</span></label>
<input class="fr-input{{#EMAIL_HAS_ERROR}} fr-input--error{{/EMAIL_HAS_ERROR}}" type="email" id="email" name="email" autocomplete="email" spellcheck="false" value="{{EMAIL_VALUE}}"{{#RESPONSABLE}} aria-required="true"{{/RESPONSABLE}} aria-describedby="email-hint{{#EMAIL_HAS_ERROR}} email-error{{/EMAIL_HAS_ERROR}}"{{#EMAIL_HAS_ERROR}} aria-invalid="true"{{/EMAIL_HAS_ERROR}}>
{{#EMAIL_HAS_ERROR}}<p id="email-error" class="fr-error-text">{{EMAIL_ERROR}}</p>{{/EMAIL_HAS_ERROR}}
</div>
</div>
<div class="fr-fieldset__element">
<div class="fr-input-group{{#EMAIL_CONFIRMATION_HAS_ERROR}} fr-input-group--error{{/EMAIL_CONFIRMATION_HAS_ERROR}}">
<label class="fr-label" for="email_confirmation">Confirmation de votre adresse mail{{#RESPONSABLE}} *{{/RESPONSABLE}}</label>
<input class="fr-input{{#EMAIL_CONFIRMATION_HAS_ERROR}} fr-input--error{{/EMAIL_CONFIRMATION_HAS_ERROR}}" type="email" id="email_confirmation" name="email_confirmation" autocomplete="email" spellcheck="false" value="{{EMAIL_CONFIRMATION_VALUE}}"{{#RESPONSABLE}} aria-required="true"{{/RESPONSABLE}}{{#EMAIL_CONFIRMATION_HAS_ERROR}} aria-invalid="true" aria-describedby="email_confirmation-error"{{/EMAIL_CONFIRMATION_HAS_ERROR}}>
{{#EMAIL_CONFIRMATION_HAS_ERROR}}<p id="email_confirmation-error" class="fr-error-text">{{EMAIL_CONFIRMATION_ERROR}}</p>{{/EMAIL_CONFIRMATION_HAS_ERROR}}
</div>
</div>
</fieldset>
<fieldset class="fr-fieldset">
<legend class="fr-fieldset__legend fr-h5">{{#RESPONSABLE}}Votre enfant : {{CHILD_FIRST_NAME}}{{/RESPONSABLE}}{{#ELEVE}}Vous{{/ELEVE}}</legend>
<div class="fr-fieldset__element">
<div class="fr-input-group{{#DATE_NAISSANCE_HAS_ERROR}} fr-input-group--error{{/DATE_NAISSANCE_HAS_ERROR}}">
<label class="fr-label" for="date_naissance">Date de naissance{{#RESPONSABLE}} de votre enfant{{/RESPONSABLE}} *
<span class="fr-hint-text" id="date_naissance-hint">Format attendu : JJ/MM/AAAA, par exemple 14/03/2012</span></label>
<input class="fr-input{{#DATE_NAISSANCE_HAS_ERROR}} fr-input--error{{/DATE_NAISSANCE_HAS_ERROR}}" type="text" inputmode="numeric" id="date_naissance" name="date_naissance" {{#ELEVE}}autocomplete="bday"{{/ELEVE}}{{#RESPONSABLE}}autocomplete="off"{{/RESPONSABLE}} value="{{DATE_NAISSANCE_VALUE}}" aria-required="true" aria-describedby="date_naissance-hint{{#DATE_NAISSANCE_HAS_ERROR}} date_naissance-error{{/DATE_NAISSANCE_HAS_ERROR}}"{{#DATE_NAISSANCE_HAS_ERROR}} aria-invalid="true"{{/DATE_NAISSANCE_HAS_ERROR}}>
{{#DATE_NAISSANCE_HAS_ERROR}}<p id="date_naissance-error" class="fr-error-text">{{DATE_NAISSANCE_ERROR}}</p>{{/DATE_NAISSANCE_HAS_ERROR}}
</div>
</div>
</fieldset>
<button class="fr-btn" type="submit">Valider</button>
</form>
<div class="fr-callout fr-mt-4w">
{{#ELEVE}}<p class="fr-callout__text">Si vous indiquez une adresse mail, vous y recevrez un courriel contenant un lien sur lequel cliquer pour la confirmer. Sans adresse confirmée, vous ne pourrez pas retrouver seul votre identifiant ou votre mot de passe en cas d'oubli.</p>{{/ELEVE}}
{{#RESPONSABLE}}<p class="fr-callout__text">Cette adresse mail est indispensable : une fois ce formulaire validé, vous y recevrez un courriel contenant un lien sur lequel vous devez cliquer afin de pouvoir accéder à vos services en ligne. Cette opération n'est à faire qu'une seule fois. Par la suite, cette adresse pourra également être utilisée pour vous communiquer des informations importantes concernant vos services et pour retrouver, en cas d'oubli, votre identifiant ou votre mot de passe.</p>{{/RESPONSABLE}}
</div>
{{! issue 13 — aide: reporting a letter that is not theirs }}
<p class="fr-mt-4w"><a class="fr-link" href="/premiere-connexion/signalement">{{#RESPONSABLE}}Je ne suis pas le représentant légal de cet élève{{/RESPONSABLE}}{{#ELEVE}}Ce courrier ne me concerne pas{{/ELEVE}}</a></p>
</div>
</div>
