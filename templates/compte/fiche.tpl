{{%AUTOESCAPE context="HTML"}}
{{! Mon compte, Fiche de renseignements: one form per responsable the
    account represents (two for a compte joint), in the frame of the other
    Mon compte pages (COMPTE DE <nom>, local menu). The error summary is in
    the fiche that was sent. }}
<h1 class="ts-maj">Compte de {{NAME}}</h1>
<div class="fr-grid-row fr-grid-row--gutters">
<div class="fr-col-12 fr-col-md-4">
{{>MENU}}
</div>
<div class="fr-col-12 fr-col-md-8">
<h2>Fiche de renseignements</h2>
{{#SAVED}}<div class="fr-alert fr-alert--success fr-mb-3w" role="status"><p>Vos modifications ont été enregistrées.</p></div>{{/SAVED}}
{{#JOINT}}<p>Ce compte est un compte joint : il représente plusieurs responsables. Chacun a sa fiche.</p>{{/JOINT}}
{{#FICHE}}
<h3 class="fr-mt-4w">{{NAME}}</h3>
{{#HAS_ERRORS}}
<div class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" id="erreurs" role="alert" tabindex="-1">
<h4 class="fr-alert__title">Le formulaire contient des erreurs</h4>
<ul>{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERRORS}}</ul>
</div>
{{/HAS_ERRORS}}
<form method="post" action="/compte/fiche" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="responsable" value="{{RID}}">
<div class="fr-input-group{{#ADRESSE_HAS_ERROR}} fr-input-group--error{{/ADRESSE_HAS_ERROR}}">
<label class="fr-label" for="adresse-{{RID}}">Adresse</label>
<input class="fr-input{{#ADRESSE_HAS_ERROR}} fr-input--error{{/ADRESSE_HAS_ERROR}}" type="text" id="adresse-{{RID}}" name="adresse" autocomplete="street-address" value="{{ADRESSE_VALUE}}"{{#ADRESSE_HAS_ERROR}} aria-invalid="true" aria-describedby="adresse-{{RID}}-error"{{/ADRESSE_HAS_ERROR}}>
{{#ADRESSE_HAS_ERROR}}<p id="adresse-{{RID}}-error" class="fr-error-text">{{ADRESSE_ERROR}}</p>{{/ADRESSE_HAS_ERROR}}
</div>
<div class="fr-input-group{{#TELEPHONE_HAS_ERROR}} fr-input-group--error{{/TELEPHONE_HAS_ERROR}}">
<label class="fr-label" for="telephone-{{RID}}">Téléphone</label>
<input class="fr-input{{#TELEPHONE_HAS_ERROR}} fr-input--error{{/TELEPHONE_HAS_ERROR}}" type="tel" id="telephone-{{RID}}" name="telephone" autocomplete="tel" value="{{TELEPHONE_VALUE}}"{{#TELEPHONE_HAS_ERROR}} aria-invalid="true" aria-describedby="telephone-{{RID}}-error"{{/TELEPHONE_HAS_ERROR}}>
{{#TELEPHONE_HAS_ERROR}}<p id="telephone-{{RID}}-error" class="fr-error-text">{{TELEPHONE_ERROR}}</p>{{/TELEPHONE_HAS_ERROR}}
</div>
<div class="fr-input-group{{#PORTABLE_HAS_ERROR}} fr-input-group--error{{/PORTABLE_HAS_ERROR}}">
<label class="fr-label" for="portable-{{RID}}">Téléphone portable</label>
<input class="fr-input{{#PORTABLE_HAS_ERROR}} fr-input--error{{/PORTABLE_HAS_ERROR}}" type="tel" id="portable-{{RID}}" name="portable" autocomplete="tel" value="{{PORTABLE_VALUE}}"{{#PORTABLE_HAS_ERROR}} aria-invalid="true" aria-describedby="portable-{{RID}}-error"{{/PORTABLE_HAS_ERROR}}>
{{#PORTABLE_HAS_ERROR}}<p id="portable-{{RID}}-error" class="fr-error-text">{{PORTABLE_ERROR}}</p>{{/PORTABLE_HAS_ERROR}}
</div>
<div class="fr-input-group{{#COURRIEL_HAS_ERROR}} fr-input-group--error{{/COURRIEL_HAS_ERROR}}">
<label class="fr-label" for="courriel-{{RID}}">Adresse mail de contact</label>
<input class="fr-input{{#COURRIEL_HAS_ERROR}} fr-input--error{{/COURRIEL_HAS_ERROR}}" type="email" id="courriel-{{RID}}" name="courriel" autocomplete="email" spellcheck="false" value="{{COURRIEL_VALUE}}"{{#COURRIEL_HAS_ERROR}} aria-invalid="true" aria-describedby="courriel-{{RID}}-error"{{/COURRIEL_HAS_ERROR}}>
{{#COURRIEL_HAS_ERROR}}<p id="courriel-{{RID}}-error" class="fr-error-text">{{COURRIEL_ERROR}}</p>{{/COURRIEL_HAS_ERROR}}
</div>
<div class="fr-input-group{{#PROFESSION_HAS_ERROR}} fr-input-group--error{{/PROFESSION_HAS_ERROR}}">
<label class="fr-label" for="profession-{{RID}}">Profession</label>
<input class="fr-input{{#PROFESSION_HAS_ERROR}} fr-input--error{{/PROFESSION_HAS_ERROR}}" type="text" id="profession-{{RID}}" name="profession" autocomplete="organization-title" value="{{PROFESSION_VALUE}}"{{#PROFESSION_HAS_ERROR}} aria-invalid="true" aria-describedby="profession-{{RID}}-error"{{/PROFESSION_HAS_ERROR}}>
{{#PROFESSION_HAS_ERROR}}<p id="profession-{{RID}}-error" class="fr-error-text">{{PROFESSION_ERROR}}</p>{{/PROFESSION_HAS_ERROR}}
</div>
<button class="fr-btn" type="submit">Enregistrer la fiche de {{NAME}}</button>
</form>
{{/FICHE}}
</div>
</div>
