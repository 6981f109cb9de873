{{%AUTOESCAPE context="HTML"}}
{{! issue 13 — aide. A new password demanded at the next sign-in
    (GET/POST /etablissement/renouvellement): SCHOOL (the choices qui =
    identifiants | classe | tous, QUI_*_CHECKED, CLASS_OPTION: ID, NAME,
    SELECTED) or ACADEMIE (every school); the fields identifiants,
    sauf_depuis, confirmer (NAME_VALUE, NAME_HAS_ERROR, NAME_ERROR); DONE
    (TEXT, UNKNOWN with UNKNOWN_ID: IDENTIFIER); the error summary. }}
<div class="fr-grid-row">
<div class="fr-col-12 fr-col-lg-8">
<h1>Nouveau mot de passe exigé</h1>
<p>Après une compromission supposée (mots de passe divulgués, courriers perdus…), exigez des familles concernées qu'elles choisissent un nouveau mot de passe à leur prochaine connexion. Leurs connexions en cours sont fermées aussitôt. Seuls les comptes qui ont déjà un mot de passe sont concernés (pas ceux qui attendent leur première connexion).</p>
{{#DONE}}
<div class="fr-alert fr-alert--success fr-mb-3w" role="status" id="resultat">
<p>{{TEXT}}</p>
{{#UNKNOWN}}<p>Identifiants non trouvés parmi les comptes de l'établissement ayant un mot de passe (rien n'a été fait pour eux) :</p>
<ul>{{#UNKNOWN_ID}}<li>{{IDENTIFIER}}</li>{{/UNKNOWN_ID}}</ul>{{/UNKNOWN}}
</div>
{{/DONE}}
{{#HAS_ERRORS}}
<div class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" id="erreurs" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le formulaire contient des erreurs</h2>
<ul>{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERRORS}}</ul>
</div>
{{/HAS_ERRORS}}
<form method="post" action="/etablissement/renouvellement" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#SCHOOL}}
<fieldset class="fr-fieldset{{#QUI_HAS_ERROR}} fr-fieldset--error{{/QUI_HAS_ERROR}}"{{#QUI_HAS_ERROR}} aria-labelledby="qui-legend qui-error"{{/QUI_HAS_ERROR}}>
<legend class="fr-fieldset__legend" id="qui-legend">Comptes concernés *</legend>
<div class="fr-fieldset__element"><div class="fr-radio-group">
<input type="radio" id="qui" name="qui" value="identifiants"{{#QUI_IDENTIFIANTS_CHECKED}} checked{{/QUI_IDENTIFIANTS_CHECKED}}>
<label class="fr-label" for="qui">Les comptes dont je donne les identifiants</label>
</div></div>
<div class="fr-fieldset__element"><div class="fr-radio-group">
<input type="radio" id="qui-classe" name="qui" value="classe"{{#QUI_CLASSE_CHECKED}} checked{{/QUI_CLASSE_CHECKED}}>
<label class="fr-label" for="qui-classe">Les comptes d'une classe (élèves et responsables)</label>
</div></div>
<div class="fr-fieldset__element"><div class="fr-radio-group">
<input type="radio" id="qui-tous" name="qui" value="tous"{{#QUI_TOUS_CHECKED}} checked{{/QUI_TOUS_CHECKED}}>
<label class="fr-label" for="qui-tous">Tous les comptes des familles de l'établissement</label>
</div></div>
{{#QUI_HAS_ERROR}}<div class="fr-messages-group"><p id="qui-error" class="fr-message fr-message--error">{{QUI_ERROR}}</p></div>{{/QUI_HAS_ERROR}}
</fieldset>
<div class="fr-input-group{{#IDENTIFIANTS_HAS_ERROR}} fr-input-group--error{{/IDENTIFIANTS_HAS_ERROR}}">
<label class="fr-label" for="identifiants">Identifiants <span class="fr-hint-text" id="identifiants-hint">Un par ligne (avec « Les comptes dont je donne les identifiants »)</span></label>
<textarea class="fr-input{{#IDENTIFIANTS_HAS_ERROR}} fr-input--error{{/IDENTIFIANTS_HAS_ERROR}}" id="identifiants" name="identifiants" rows="5" spellcheck="false" autocapitalize="none" aria-describedby="identifiants-hint{{#IDENTIFIANTS_HAS_ERROR}} identifiants-error{{/IDENTIFIANTS_HAS_ERROR}}"{{#IDENTIFIANTS_HAS_ERROR}} aria-invalid="true"{{/IDENTIFIANTS_HAS_ERROR}}>{{IDENTIFIANTS_VALUE}}</textarea>
{{#IDENTIFIANTS_HAS_ERROR}}<p id="identifiants-error" class="fr-error-text">{{IDENTIFIANTS_ERROR}}</p>{{/IDENTIFIANTS_HAS_ERROR}}
</div>
<div class="fr-select-group{{#CLASSE_HAS_ERROR}} fr-select-group--error{{/CLASSE_HAS_ERROR}}">
<label class="fr-label" for="classe">Classe <span class="fr-hint-text">Avec « Les comptes d'une classe »</span></label>
<select class="fr-select{{#CLASSE_HAS_ERROR}} fr-select--error{{/CLASSE_HAS_ERROR}}" id="classe" name="classe"{{#CLASSE_HAS_ERROR}} aria-invalid="true" aria-describedby="classe-error"{{/CLASSE_HAS_ERROR}}>
<option value="">Choisir une classe</option>
{{#CLASS_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/CLASS_OPTION}}
</select>
{{#CLASSE_HAS_ERROR}}<p id="classe-error" class="fr-error-text">{{CLASSE_ERROR}}</p>{{/CLASSE_HAS_ERROR}}
</div>
{{/SCHOOL}}
{{#ACADEMIE}}
<input type="hidden" name="qui" value="tous">
<p><strong>Comptes concernés :</strong> tous les comptes des familles de tous les établissements de l'académie.</p>
{{#QUI_HAS_ERROR}}<p id="qui" class="fr-error-text">{{QUI_ERROR}}</p>{{/QUI_HAS_ERROR}}
{{/ACADEMIE}}
<div class="fr-input-group{{#SAUF_DEPUIS_HAS_ERROR}} fr-input-group--error{{/SAUF_DEPUIS_HAS_ERROR}}">
<label class="fr-label" for="sauf_depuis">Sauf les comptes dont le mot de passe a été changé depuis le <span class="fr-hint-text" id="sauf_depuis-hint">Facultatif. Format JJ/MM/AAAA ; ce jour compris</span></label>
<input class="fr-input{{#SAUF_DEPUIS_HAS_ERROR}} fr-input--error{{/SAUF_DEPUIS_HAS_ERROR}}" type="text" id="sauf_depuis" name="sauf_depuis" inputmode="numeric" autocomplete="off" value="{{SAUF_DEPUIS_VALUE}}" aria-describedby="sauf_depuis-hint{{#SAUF_DEPUIS_HAS_ERROR}} sauf_depuis-error{{/SAUF_DEPUIS_HAS_ERROR}}"{{#SAUF_DEPUIS_HAS_ERROR}} aria-invalid="true"{{/SAUF_DEPUIS_HAS_ERROR}}>
{{#SAUF_DEPUIS_HAS_ERROR}}<p id="sauf_depuis-error" class="fr-error-text">{{SAUF_DEPUIS_ERROR}}</p>{{/SAUF_DEPUIS_HAS_ERROR}}
</div>
<div class="fr-checkbox-group{{#CONFIRMER_HAS_ERROR}} fr-checkbox-group--error{{/CONFIRMER_HAS_ERROR}} fr-mb-3w">
<input type="checkbox" id="confirmer" name="confirmer" value="1"{{#CONFIRMER_HAS_ERROR}} aria-invalid="true" aria-describedby="confirmer-error"{{/CONFIRMER_HAS_ERROR}}>
<label class="fr-label" for="confirmer">Je confirme : ces comptes devront choisir un nouveau mot de passe et leurs connexions en cours seront fermées *</label>
{{#CONFIRMER_HAS_ERROR}}<p id="confirmer-error" class="fr-error-text">{{CONFIRMER_ERROR}}</p>{{/CONFIRMER_HAS_ERROR}}
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button type="submit" class="fr-btn">Exiger un nouveau mot de passe</button></li>
</ul>
</form>
</div>
</div>
