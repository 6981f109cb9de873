{{%AUTOESCAPE context="HTML"}}
{{! "Identifiant oublié ?": the confirmed address, to which the identifiers are mailed. }}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Identifiant oublié</h1>
{{#HAS_ERRORS}}
<div id="erreurs" class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le formulaire contient une erreur</h2>
<ul>{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERRORS}}</ul>
</div>
{{/HAS_ERRORS}}
<p>Saisissez l'adresse mail que vous avez confirmée lors de l'activation de votre compte : nous y enverrons votre identifiant.</p>
<form method="post" action="/identifiant-oublie" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="fr-hint-text">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
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
<p class="fr-callout__text">Seule une adresse mail confirmée permet de retrouver seul son identifiant. Si vous n'avez jamais confirmé votre adresse, ou si vous n'avez pas encore activé votre compte, votre identifiant figure sur le courrier de notification remis par l'établissement ; à défaut, adressez-vous à lui.</p>
</div>
</div>
</div>
