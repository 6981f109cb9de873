{{%AUTOESCAPE context="HTML"}}
{{! "Mot de passe oublié ?": identifier and confirmed address; a single-use link is mailed. }}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Mot de passe oublié</h1>
{{#HAS_ERRORS}}
<div id="erreurs" class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le formulaire contient des erreurs</h2>
<ul>{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERRORS}}</ul>
</div>
{{/HAS_ERRORS}}
<p>Saisissez votre identifiant et l'adresse mail que vous avez confirmée lors de l'activation de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe.</p>
<form method="post" action="/mot-de-passe-oublie" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="fr-hint-text">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
<div class="fr-input-group{{#IDENTIFIANT_HAS_ERROR}} fr-input-group--error{{/IDENTIFIANT_HAS_ERROR}}">
<label class="fr-label" for="identifiant">Identifiant *
<span class="fr-hint-text" id="identifiant-hint">Il figure sur votre courrier de notification. Oublié ? <a href="/identifiant-oublie">Retrouver mon identifiant</a></span></label>
<input class="fr-input{{#IDENTIFIANT_HAS_ERROR}} fr-input--error{{/IDENTIFIANT_HAS_ERROR}}" type="text" id="identifiant" name="identifiant" value="{{IDENTIFIANT_VALUE}}" autocomplete="username" spellcheck="false" required aria-describedby="identifiant-hint{{#IDENTIFIANT_HAS_ERROR}} identifiant-error{{/IDENTIFIANT_HAS_ERROR}}"{{#IDENTIFIANT_HAS_ERROR}} aria-invalid="true"{{/IDENTIFIANT_HAS_ERROR}}>
{{#IDENTIFIANT_HAS_ERROR}}<p id="identifiant-error" class="fr-error-text">{{IDENTIFIANT_ERROR}}</p>{{/IDENTIFIANT_HAS_ERROR}}
</div>
<div class="fr-input-group{{#EMAIL_HAS_ERROR}} fr-input-group--error{{/EMAIL_HAS_ERROR}}">
<label class="fr-label" for="email">Adresse mail *
<span class="fr-hint-text" id="email-hint">Format attendu : prenom.nom@exemple.fr</span></label>
<input class="fr-input{{#EMAIL_HAS_ERROR}} fr-input--error{{/EMAIL_HAS_ERROR}}" type="email" id="email" name="email" value="{{EMAIL_VALUE}}" autocomplete="email" spellcheck="false" required aria-describedby="email-hint{{#EMAIL_HAS_ERROR}} email-error{{/EMAIL_HAS_ERROR}}"{{#EMAIL_HAS_ERROR}} aria-invalid="true"{{/EMAIL_HAS_ERROR}}>
{{#EMAIL_HAS_ERROR}}<p id="email-error" class="fr-error-text">{{EMAIL_ERROR}}</p>{{/EMAIL_HAS_ERROR}}
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button type="submit" class="fr-btn">Valider</button></li>
<li><a class="fr-btn fr-btn--secondary" href="/connexion">Annuler</a></li>
</ul>
</form>
<div class="fr-callout fr-mt-4w">
<p class="fr-callout__text">Seul un compte activé, dont l'adresse mail est confirmée, peut choisir seul un nouveau mot de passe. Sinon, adressez-vous à l'établissement qui vous a remis votre courrier de notification : il peut vous en remettre un nouveau.</p>
</div>
</div>
</div>
