{{%AUTOESCAPE context="HTML"}}
{{! GET /personnel: the staff sign-in (identifier and password; the second
    factor comes next at /personnel/code). }}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Espace des personnels</h1>
<p>Connexion des personnels des établissements (direction, secrétariat, vie scolaire, enseignants) et de l'académie. Une application d'authentification (code à 6 chiffres) vous sera demandée après le mot de passe.</p>
{{#LOGGED_OUT}}
<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status"><p>Vous êtes déconnecté.</p></div>
{{/LOGGED_OUT}}
{{#ALERT}}
<div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><p>{{ALERT_MESSAGE}}</p></div>
{{/ALERT}}
{{#HAS_ERRORS}}
<div class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" id="erreurs" role="alert" tabindex="-1">
<h2 class="fr-alert__title">La connexion n'a pas abouti</h2>
<ul>{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERRORS}}</ul>
</div>
{{/HAS_ERRORS}}
<form method="post" action="/personnel" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<fieldset class="fr-fieldset">
<legend class="fr-fieldset__legend">Votre identifiant vous a été communiqué avec le lien d'activation de votre compte.</legend>
<div class="fr-fieldset__element">
<div class="fr-input-group{{#IDENTIFIANT_HAS_ERROR}} fr-input-group--error{{/IDENTIFIANT_HAS_ERROR}}">
<label class="fr-label" for="identifiant">Identifiant <span class="fr-hint-text">Saisissez un identifiant</span></label>
<input class="fr-input{{#IDENTIFIANT_HAS_ERROR}} fr-input--error{{/IDENTIFIANT_HAS_ERROR}}" type="text" id="identifiant" name="identifiant" autocomplete="username" autocapitalize="none" spellcheck="false" value="{{IDENTIFIANT_VALUE}}" aria-required="true"{{#IDENTIFIANT_HAS_ERROR}} aria-invalid="true" aria-describedby="identifiant-error"{{/IDENTIFIANT_HAS_ERROR}}>
{{#IDENTIFIANT_HAS_ERROR}}<p id="identifiant-error" class="fr-error-text">{{IDENTIFIANT_ERROR}}</p>{{/IDENTIFIANT_HAS_ERROR}}
</div>
</div>
<div class="fr-fieldset__element">
<div class="fr-password{{#MOT_DE_PASSE_HAS_ERROR}} fr-input-group--error{{/MOT_DE_PASSE_HAS_ERROR}}" id="mot_de_passe-group">
<label class="fr-label" for="mot_de_passe">Mot de passe <span class="fr-hint-text">Saisissez un mot de passe</span></label>
<div class="fr-input-wrap">
<input class="fr-password__input fr-input{{#MOT_DE_PASSE_HAS_ERROR}} fr-input--error{{/MOT_DE_PASSE_HAS_ERROR}}" type="password" id="mot_de_passe" name="mot_de_passe" autocomplete="current-password" aria-required="true"{{#MOT_DE_PASSE_HAS_ERROR}} aria-invalid="true" aria-describedby="mot_de_passe-error"{{/MOT_DE_PASSE_HAS_ERROR}}>
</div>
{{#MOT_DE_PASSE_HAS_ERROR}}<p id="mot_de_passe-error" class="fr-error-text">{{MOT_DE_PASSE_ERROR}}</p>{{/MOT_DE_PASSE_HAS_ERROR}}
<div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
<input aria-label="Afficher le mot de passe" id="mot_de_passe-show" type="checkbox">
<label class="fr-password__checkbox fr-label" for="mot_de_passe-show">Afficher</label>
</div>
</div>
</div>
</fieldset>
<button class="fr-btn" type="submit">Valider</button>
</form>
<p class="fr-mt-3w">Mot de passe oublié, téléphone perdu sans code de secours : adressez-vous au chef d'établissement, qui peut vous envoyer un nouveau lien d'activation ou réinitialiser votre double authentification. Les familles se connectent sur la <a href="/connexion">page de connexion des parents et élèves</a>.</p>
</div>
</div>
