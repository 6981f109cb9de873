{{%AUTOESCAPE context="HTML"}}
{{! Mon compte of a staff member: IDENTIFIER, EMAIL; the password form (POST
    /etablissement/compte/mot-de-passe: mot_de_passe_actuel, mot_de_passe,
    confirmation; PASSWORD_CHANGED after a change); the recovery codes left
    (CODES_LEFT, NO_CODES_LEFT) and the form that makes ten new ones. }}
<div class="fr-grid-row">
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Mon compte</h1>
{{#HAS_ERRORS}}
<div class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" id="erreurs" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le formulaire contient des erreurs</h2>
<ul>{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERRORS}}</ul>
</div>
{{/HAS_ERRORS}}
{{#PASSWORD_CHANGED}}<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status"><p>Votre mot de passe a été modifié. Les autres appareils connectés à votre compte ont été déconnectés.</p></div>{{/PASSWORD_CHANGED}}
<p>Votre identifiant : <strong>{{IDENTIFIER}}</strong></p>
<p>Votre adresse mail : <strong>{{EMAIL}}</strong></p>

<h2 class="fr-mt-5w">Changer de mot de passe</h2>
<p class="fr-hint-text">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
<form method="post" action="/etablissement/compte/mot-de-passe" novalidate>
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
<div class="fr-input-group{{#MOT_DE_PASSE_HAS_ERROR}} fr-input-group--error{{/MOT_DE_PASSE_HAS_ERROR}}">
<div class="fr-password">
<label class="fr-label" for="mot_de_passe">Nouveau mot de passe *
<span class="fr-hint-text" id="mot_de_passe-hint">8 à 14 caractères alphanumériques (chiffres et lettres obligatoires)</span></label>
<div class="fr-input-wrap">
<input class="fr-password__input fr-input{{#MOT_DE_PASSE_HAS_ERROR}} fr-input--error{{/MOT_DE_PASSE_HAS_ERROR}}" type="password" id="mot_de_passe" name="mot_de_passe" autocomplete="new-password" spellcheck="false" required aria-describedby="mot_de_passe-hint{{#MOT_DE_PASSE_HAS_ERROR}} mot_de_passe-error{{/MOT_DE_PASSE_HAS_ERROR}}"{{#MOT_DE_PASSE_HAS_ERROR}} aria-invalid="true"{{/MOT_DE_PASSE_HAS_ERROR}}>
</div>
<div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
<input type="checkbox" id="mot_de_passe-afficher" aria-label="Afficher le nouveau mot de passe">
<label class="fr-password__checkbox fr-label" for="mot_de_passe-afficher">Afficher</label>
</div>
</div>
{{#MOT_DE_PASSE_HAS_ERROR}}<p id="mot_de_passe-error" class="fr-error-text">{{MOT_DE_PASSE_ERROR}}</p>{{/MOT_DE_PASSE_HAS_ERROR}}
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

<h2 class="fr-mt-5w">Codes de secours</h2>
<p>Il vous reste <strong>{{CODES_LEFT}}</strong> code(s) de secours non utilisé(s). Un code de secours remplace une fois le code de votre application d'authentification, si vous n'avez plus votre téléphone.</p>
{{#NO_CODES_LEFT}}<div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w"><p>Vous n'avez plus de code de secours : générez-en de nouveaux.</p></div>{{/NO_CODES_LEFT}}
<form method="post" action="/etablissement/compte/codes-de-secours" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="fr-hint-text">Dix nouveaux codes vous seront montrés une seule fois ; les anciens ne serviront plus. Votre mot de passe vous est demandé : de nouveaux codes sont un second facteur de plus.</p>
<div class="fr-input-group{{#MOT_DE_PASSE_CODES_HAS_ERROR}} fr-input-group--error{{/MOT_DE_PASSE_CODES_HAS_ERROR}}">
<label class="fr-label" for="mot_de_passe_codes">Mot de passe actuel *</label>
<input class="fr-input{{#MOT_DE_PASSE_CODES_HAS_ERROR}} fr-input--error{{/MOT_DE_PASSE_CODES_HAS_ERROR}}" type="password" id="mot_de_passe_codes" name="mot_de_passe_codes" autocomplete="current-password" spellcheck="false" required{{#MOT_DE_PASSE_CODES_HAS_ERROR}} aria-invalid="true" aria-describedby="mot_de_passe_codes-error"{{/MOT_DE_PASSE_CODES_HAS_ERROR}}>
{{#MOT_DE_PASSE_CODES_HAS_ERROR}}<p id="mot_de_passe_codes-error" class="fr-error-text">{{MOT_DE_PASSE_CODES_ERROR}}</p>{{/MOT_DE_PASSE_CODES_HAS_ERROR}}
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button type="submit" class="fr-btn fr-btn--secondary">Générer de nouveaux codes de secours</button></li>
</ul>
</form>
</div>
</div>
