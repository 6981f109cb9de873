{{%AUTOESCAPE context="HTML"}}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Scolarité services</h1>
<p>Bienvenue sur Scolarité services qui vous propose différents services en ligne de l'éducation nationale.</p>
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
<form method="post" action="/connexion" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<fieldset class="fr-fieldset">
<legend class="fr-fieldset__legend">Munissez-vous du courrier de notification : il porte votre identifiant et votre mot de passe provisoire.</legend>
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
<ul class="fr-links-group fr-mt-3w">
<li><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/identifiant-oublie">Identifiant oublié ?</a></li>
<li><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/mot-de-passe-oublie">Mot de passe oublié ?</a></li>
</ul>
<p class="fr-mt-3w">Si vous avez besoin d'aide dans l'activation ou la gestion de votre compte téléservices, consultez le <a href="/aide">guide parents et élèves</a>.</p>
</div>
</div>
