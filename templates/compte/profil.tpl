{{%AUTOESCAPE context="HTML"}}
{{! Mon compte, Profil: the identifier, the confirmed address (and the one
    waiting for its link), then two forms: "Changer de mot de passe" (POST
    /compte/mot-de-passe) and "Changer d'adresse mail" (POST /compte/adresse).
    Field names are unique on the page (the id of an input is its name), so
    the two "current password" fields have different names. The error summary
    lists the errors of the form that was sent. }}
<h1 class="ts-maj">Compte de {{NAME}}</h1>
{{#HAS_ERRORS}}
<div class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" id="erreurs" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le formulaire contient des erreurs</h2>
<ul>{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERRORS}}</ul>
</div>
{{/HAS_ERRORS}}
<div class="fr-grid-row fr-grid-row--gutters">
<div class="fr-col-12 fr-col-md-4">
{{>MENU}}
</div>
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
{{#PASSWORD_CHANGED}}<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status"><p>Votre mot de passe a été modifié. Les autres appareils connectés à votre compte ont été déconnectés.</p></div>{{/PASSWORD_CHANGED}}
{{#ADDRESS_REQUESTED}}<div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w" role="status"><p>Un message vient d'être envoyé à l'adresse {{WAITING_EMAIL}}. Ouvrez-le et cliquez sur le lien qu'il contient dans les {{HOURS}} heures : votre nouvelle adresse ne sera utilisée qu'après cette confirmation.</p></div>{{/ADDRESS_REQUESTED}}
<h2>Profil</h2>
<p>Votre identifiant : <strong>{{IDENTIFIER}}</strong></p>
{{#HAS_EMAIL}}<p>Votre adresse mail : <strong>{{EMAIL}}</strong></p>{{/HAS_EMAIL}}
{{#NO_EMAIL}}<p>Aucune adresse mail confirmée.{{#ELEVE}} Sans elle, vous ne pourrez pas retrouver seul votre identifiant ou votre mot de passe.{{/ELEVE}}</p>{{/NO_EMAIL}}
{{#EMAIL_WAITING}}<p>En attente de confirmation : <strong>{{WAITING_EMAIL}}</strong>. Cette adresse ne sera utilisée qu'une fois ouvert le lien qui lui a été envoyé.</p>{{/EMAIL_WAITING}}

<h2 class="fr-mt-5w">Changer de mot de passe</h2>
<p class="fr-hint-text">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
<form method="post" action="/compte/mot-de-passe" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="fr-input-group{{#MOT_DE_PASSE_ACTUEL_HAS_ERROR}} fr-input-group--error{{/MOT_DE_PASSE_ACTUEL_HAS_ERROR}}">
<div class="fr-password">
<label class="fr-label" for="mot_de_passe_actuel">Mot de passe actuel *</label>
<div class="fr-input-wrap">
<input class="fr-password__input fr-input{{#MOT_DE_PASSE_ACTUEL_HAS_ERROR}} fr-input--error{{/MOT_DE_PASSE_ACTUEL_HAS_ERROR}}" type="password" id="mot_de_passe_actuel" name="mot_de_passe_actuel" autocomplete="current-password" spellcheck="false" required{{#MOT_DE_PASSE_ACTUEL_HAS_ERROR}} aria-invalid="true" aria-describedby="mot_de_passe_actuel-error"{{/MOT_DE_PASSE_ACTUEL_HAS_ERROR}}>
</div>
<div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
<input type="checkbox" id="mot_de_passe_actuel-afficher" aria-label="Afficher le mot de passe actuel">
<label class="fr-password__checkbox fr-label" for="mot_de_passe_actuel-afficher">Afficher</label>
</div>
</div>
{{#MOT_DE_PASSE_ACTUEL_HAS_ERROR}}<p id="mot_de_passe_actuel-error" class="fr-error-text">{{MOT_DE_PASSE_ACTUEL_ERROR}}</p>{{/MOT_DE_PASSE_ACTUEL_HAS_ERROR}}
</div>
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
<li><button type="submit" class="fr-btn">Changer de mot de passe</button></li>
</ul>
</form>

<h2 class="fr-mt-5w">Changer d'adresse mail</h2>
<p>Un lien sera envoyé à la nouvelle adresse : elle ne remplacera l'adresse actuelle qu'une fois ce lien ouvert, dans les {{HOURS}} heures. L'adresse actuelle sera alors prévenue du changement.</p>
<p class="fr-hint-text">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
<form method="post" action="/compte/adresse" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="fr-input-group{{#NOUVELLE_ADRESSE_HAS_ERROR}} fr-input-group--error{{/NOUVELLE_ADRESSE_HAS_ERROR}}">
<label class="fr-label" for="nouvelle_adresse">Nouvelle adresse mail *
<span class="fr-hint-text" id="nouvelle_adresse-hint">Format attendu : prenom.nom@exemple.fr</span></label>
<input class="fr-input{{#NOUVELLE_ADRESSE_HAS_ERROR}} fr-input--error{{/NOUVELLE_ADRESSE_HAS_ERROR}}" type="email" id="nouvelle_adresse" name="nouvelle_adresse" value="{{NOUVELLE_ADRESSE_VALUE}}" autocomplete="email" spellcheck="false" required aria-describedby="nouvelle_adresse-hint{{#NOUVELLE_ADRESSE_HAS_ERROR}} nouvelle_adresse-error{{/NOUVELLE_ADRESSE_HAS_ERROR}}"{{#NOUVELLE_ADRESSE_HAS_ERROR}} aria-invalid="true"{{/NOUVELLE_ADRESSE_HAS_ERROR}}>
{{#NOUVELLE_ADRESSE_HAS_ERROR}}<p id="nouvelle_adresse-error" class="fr-error-text">{{NOUVELLE_ADRESSE_ERROR}}</p>{{/NOUVELLE_ADRESSE_HAS_ERROR}}
</div>
<div class="fr-input-group{{#CONFIRMATION_ADRESSE_HAS_ERROR}} fr-input-group--error{{/CONFIRMATION_ADRESSE_HAS_ERROR}}">
<label class="fr-label" for="confirmation_adresse">Confirmation de la nouvelle adresse mail *</label>
<input class="fr-input{{#CONFIRMATION_ADRESSE_HAS_ERROR}} fr-input--error{{/CONFIRMATION_ADRESSE_HAS_ERROR}}" type="email" id="confirmation_adresse" name="confirmation_adresse" value="{{CONFIRMATION_ADRESSE_VALUE}}" autocomplete="email" spellcheck="false" required{{#CONFIRMATION_ADRESSE_HAS_ERROR}} aria-invalid="true" aria-describedby="confirmation_adresse-error"{{/CONFIRMATION_ADRESSE_HAS_ERROR}}>
{{#CONFIRMATION_ADRESSE_HAS_ERROR}}<p id="confirmation_adresse-error" class="fr-error-text">{{CONFIRMATION_ADRESSE_ERROR}}</p>{{/CONFIRMATION_ADRESSE_HAS_ERROR}}
</div>
<div class="fr-input-group{{#MOT_DE_PASSE_HAS_ERROR}} fr-input-group--error{{/MOT_DE_PASSE_HAS_ERROR}}">
<div class="fr-password">
<label class="fr-label" for="mot_de_passe">Mot de passe actuel *
<span class="fr-hint-text" id="mot_de_passe-hint">Pour vérifier que c'est bien vous.</span></label>
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
<li><button type="submit" class="fr-btn">Changer d'adresse mail</button></li>
</ul>
</form>
</div>
</div>
