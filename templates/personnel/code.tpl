{{%AUTOESCAPE context="HTML"}}
{{! GET/POST /personnel/code: the second factor. ENROLLED: the code form
    (TOTP or recovery code). ENROLMENT: the QR code (/personnel/qr.svg, served
    by the handler), the secret in text (SECRET, base32) for typing it by hand,
    and the first code, which confirms the enrolment. }}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
{{#ENROLLED}}<h1>Code de vérification</h1>
<p>Saisissez le code à 6 chiffres affiché par votre application d'authentification pour le compte <strong>{{IDENTIFIER}}</strong>. Sans votre téléphone, saisissez l'un de vos codes de secours.</p>{{/ENROLLED}}
{{#ENROLMENT}}<h1>Activer la double authentification</h1>
<p>Le compte <strong>{{IDENTIFIER}}</strong> est protégé par un second facteur : un code à 6 chiffres, renouvelé toutes les 30 secondes, affiché par une application d'authentification sur votre téléphone (par exemple FreeOTP, Aegis, Google Authenticator ou Microsoft Authenticator).</p>
<ol>
<li>Dans l'application, ajoutez un compte en scannant ce QR code :
<p><img class="ts-qr" src="/personnel/qr.svg" width="246" height="246" alt="QR code à scanner avec votre application d'authentification (la clé est aussi donnée en texte ci-dessous)"></p></li>
<li>ou, si vous ne pouvez pas scanner, saisissez cette clé (type « basé sur le temps ») :
<p><code id="totp-secret" class="ts-secret">{{SECRET}}</code></p></li>
<li>Saisissez le code à 6 chiffres affiché par l'application pour confirmer.</li>
</ol>{{/ENROLMENT}}
{{#HAS_ERRORS}}
<div id="erreurs" class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le code n'a pas été accepté</h2>
<ul>{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERRORS}}</ul>
</div>
{{/HAS_ERRORS}}
<form method="post" action="/personnel/code" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="fr-input-group{{#CODE_HAS_ERROR}} fr-input-group--error{{/CODE_HAS_ERROR}}">
<label class="fr-label" for="code">Code *<span class="fr-hint-text" id="code-hint">{{#ENROLLED}}6 chiffres, ou un code de secours (xxxx-xxxx-xx){{/ENROLLED}}{{#ENROLMENT}}6 chiffres{{/ENROLMENT}}</span></label>
<input class="fr-input{{#CODE_HAS_ERROR}} fr-input--error{{/CODE_HAS_ERROR}}" type="text" id="code" name="code" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" required aria-describedby="code-hint{{#CODE_HAS_ERROR}} code-error{{/CODE_HAS_ERROR}}"{{#CODE_HAS_ERROR}} aria-invalid="true"{{/CODE_HAS_ERROR}}>
{{#CODE_HAS_ERROR}}<p id="code-error" class="fr-error-text">{{CODE_ERROR}}</p>{{/CODE_HAS_ERROR}}
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button type="submit" class="fr-btn">Valider</button></li>
</ul>
</form>
</div>
</div>
