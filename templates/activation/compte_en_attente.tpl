{{%AUTOESCAPE context="HTML"}}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1>Compte en attente de validation</h1>
{{#HAS_ERRORS}}
<div class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" id="erreurs" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le formulaire contient des erreurs</h2>
<ul>{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERRORS}}</ul>
</div>
{{/HAS_ERRORS}}
{{#NOTICE_OK}}<div class="fr-alert fr-alert--success fr-mb-3w" role="status"><p>{{NOTICE}}</p></div>{{/NOTICE_OK}}
{{#NOTICE_ERROR}}<div class="fr-alert fr-alert--warning fr-mb-3w" role="alert"><p>{{NOTICE}}</p></div>{{/NOTICE_ERROR}}
<p class="fr-text--lead">Pour utiliser votre compte, ouvrez maintenant le mail que vous venez de recevoir et suivez les instructions.</p>
<p>Le message a été envoyé à l'adresse <strong>{{EMAIL}}</strong> par « Administrateur des services en ligne », avec pour sujet « Message des services en ligne - Activation de votre compte ».</p>
<div class="fr-callout">
<h2 class="fr-callout__title">Vous ne trouvez pas le message ?</h2>
<p class="fr-callout__text">Il est possible que le mail soit signalé comme indésirable, voire comme spam : vérifiez vos dossiers « courriers indésirables » et la corbeille de votre messagerie. Si vous ne recevez pas ce mail, signalez le problème à l'établissement qui vous a remis la notification de compte Téléservices.</p>
</div>
<form method="post" action="/compte-en-attente" class="fr-mt-3w">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<button class="fr-btn fr-btn--secondary" type="submit">Renvoyer le mail d'activation</button>
</form>
<h2 class="fr-mt-5w">L'adresse est erronée ?</h2>
<p>Corrigez-la : un nouveau mail d'activation sera envoyé à l'adresse corrigée, et le lien envoyé à l'ancienne ne servira plus.</p>
<p class="fr-hint-text">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
<form method="post" action="/compte-en-attente/adresse" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="fr-input-group{{#NOUVELLE_ADRESSE_HAS_ERROR}} fr-input-group--error{{/NOUVELLE_ADRESSE_HAS_ERROR}}">
<label class="fr-label" for="nouvelle_adresse">Adresse mail corrigée *
<span class="fr-hint-text" id="nouvelle_adresse-hint">Format attendu : prenom.nom@exemple.fr</span></label>
<input class="fr-input{{#NOUVELLE_ADRESSE_HAS_ERROR}} fr-input--error{{/NOUVELLE_ADRESSE_HAS_ERROR}}" type="email" id="nouvelle_adresse" name="nouvelle_adresse" value="{{NOUVELLE_ADRESSE_VALUE}}" autocomplete="email" spellcheck="false" required aria-describedby="nouvelle_adresse-hint{{#NOUVELLE_ADRESSE_HAS_ERROR}} nouvelle_adresse-error{{/NOUVELLE_ADRESSE_HAS_ERROR}}"{{#NOUVELLE_ADRESSE_HAS_ERROR}} aria-invalid="true"{{/NOUVELLE_ADRESSE_HAS_ERROR}}>
{{#NOUVELLE_ADRESSE_HAS_ERROR}}<p id="nouvelle_adresse-error" class="fr-error-text">{{NOUVELLE_ADRESSE_ERROR}}</p>{{/NOUVELLE_ADRESSE_HAS_ERROR}}
</div>
<div class="fr-input-group{{#CONFIRMATION_ADRESSE_HAS_ERROR}} fr-input-group--error{{/CONFIRMATION_ADRESSE_HAS_ERROR}}">
<label class="fr-label" for="confirmation_adresse">Confirmation de l'adresse mail corrigée *</label>
<input class="fr-input{{#CONFIRMATION_ADRESSE_HAS_ERROR}} fr-input--error{{/CONFIRMATION_ADRESSE_HAS_ERROR}}" type="email" id="confirmation_adresse" name="confirmation_adresse" value="{{CONFIRMATION_ADRESSE_VALUE}}" autocomplete="email" spellcheck="false" required{{#CONFIRMATION_ADRESSE_HAS_ERROR}} aria-invalid="true" aria-describedby="confirmation_adresse-error"{{/CONFIRMATION_ADRESSE_HAS_ERROR}}>
{{#CONFIRMATION_ADRESSE_HAS_ERROR}}<p id="confirmation_adresse-error" class="fr-error-text">{{CONFIRMATION_ADRESSE_ERROR}}</p>{{/CONFIRMATION_ADRESSE_HAS_ERROR}}
</div>
<div class="fr-input-group{{#MOT_DE_PASSE_HAS_ERROR}} fr-input-group--error{{/MOT_DE_PASSE_HAS_ERROR}}">
<div class="fr-password">
<label class="fr-label" for="mot_de_passe">Mot de passe *
<span class="fr-hint-text" id="mot_de_passe-hint">Celui que vous avez choisi à la première connexion.</span></label>
<div class="fr-input-wrap">
<input class="fr-password__input fr-input{{#MOT_DE_PASSE_HAS_ERROR}} fr-input--error{{/MOT_DE_PASSE_HAS_ERROR}}" type="password" id="mot_de_passe" name="mot_de_passe" autocomplete="current-password" spellcheck="false" required aria-describedby="mot_de_passe-hint{{#MOT_DE_PASSE_HAS_ERROR}} mot_de_passe-error{{/MOT_DE_PASSE_HAS_ERROR}}"{{#MOT_DE_PASSE_HAS_ERROR}} aria-invalid="true"{{/MOT_DE_PASSE_HAS_ERROR}}>
</div>
<div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
<input type="checkbox" id="mot_de_passe-afficher" aria-label="Afficher le mot de passe">
<label class="fr-password__checkbox fr-label" for="mot_de_passe-afficher">Afficher</label>
</div>
</div>
{{#MOT_DE_PASSE_HAS_ERROR}}<p id="mot_de_passe-error" class="fr-error-text">{{MOT_DE_PASSE_ERROR}}</p>{{/MOT_DE_PASSE_HAS_ERROR}}
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button type="submit" class="fr-btn fr-btn--secondary">Corriger l'adresse</button></li>
</ul>
</form>
{{#ELEVE}}
<div class="fr-notice fr-notice--info fr-mt-4w"><div class="fr-container"><div class="fr-notice__body"><p class="fr-notice__title">Vous pouvez dès maintenant accéder à vos services. Tant que votre adresse n'est pas confirmée, vous ne pourrez pas retrouver seul votre identifiant ou votre mot de passe.</p></div></div></div>
<p class="fr-mt-3w"><a class="fr-btn" href="/services">Accéder aux services</a></p>
{{/ELEVE}}
<p class="fr-mt-3w">Vous disposez d'un délai de 3 mois pour activer votre compte. Au-delà, le compte sera supprimé et vous devrez reprendre contact avec l'établissement pour en créer un nouveau.</p>
</div>
</div>
