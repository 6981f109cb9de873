{{%AUTOESCAPE context="HTML"}}
{{! Creating a staff account (POST /etablissement/personnels/nouveau):
    prenom, nom, courriel; ROLE rows (FIELD, LABEL, CHECKED): the role
    checkboxes, whose error (ROLES_HAVE_ERROR, ROLES_ERROR) shows on their
    fieldset; matieres; CLASS rows (FIELD, NAME, CHECKED): the school's
    classes, for an enseignant (error CLASSES_HAVE_ERROR, CLASSES_ERROR). }}
<div class="fr-grid-row">
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Nouveau compte de personnel</h1>
{{#HAS_ERRORS}}
<div id="erreurs" class="fr-alert fr-alert--error ts-erreurs fr-mb-4w" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le formulaire contient des erreurs</h2>
<ul>
{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERRORS}}
</ul>
</div>
{{/HAS_ERRORS}}
<p>Le lien d'activation du compte est envoyé à l'adresse mail indiquée ; il est valable 72 heures.</p>
<form method="post" action="/etablissement/personnels/nouveau" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="fr-hint-text">Les champs marqués d'un astérisque (*) sont obligatoires.</p>

<div class="fr-input-group{{#PRENOM_HAS_ERROR}} fr-input-group--error{{/PRENOM_HAS_ERROR}}">
<label class="fr-label" for="prenom">Prénom *</label>
<input class="fr-input{{#PRENOM_HAS_ERROR}} fr-input--error{{/PRENOM_HAS_ERROR}}" type="text" id="prenom" name="prenom" value="{{PRENOM_VALUE}}" autocomplete="off" required{{#PRENOM_HAS_ERROR}} aria-invalid="true" aria-describedby="prenom-error"{{/PRENOM_HAS_ERROR}}>
{{#PRENOM_HAS_ERROR}}<p id="prenom-error" class="fr-error-text">{{PRENOM_ERROR}}</p>{{/PRENOM_HAS_ERROR}}
</div>

<div class="fr-input-group{{#NOM_HAS_ERROR}} fr-input-group--error{{/NOM_HAS_ERROR}}">
<label class="fr-label" for="nom">Nom *</label>
<input class="fr-input{{#NOM_HAS_ERROR}} fr-input--error{{/NOM_HAS_ERROR}}" type="text" id="nom" name="nom" value="{{NOM_VALUE}}" autocomplete="off" required{{#NOM_HAS_ERROR}} aria-invalid="true" aria-describedby="nom-error"{{/NOM_HAS_ERROR}}>
{{#NOM_HAS_ERROR}}<p id="nom-error" class="fr-error-text">{{NOM_ERROR}}</p>{{/NOM_HAS_ERROR}}
</div>

<div class="fr-input-group{{#COURRIEL_HAS_ERROR}} fr-input-group--error{{/COURRIEL_HAS_ERROR}}">
<label class="fr-label" for="courriel">Adresse mail professionnelle *
<span class="fr-hint-text">Le lien d'activation y est envoyé.</span></label>
<input class="fr-input{{#COURRIEL_HAS_ERROR}} fr-input--error{{/COURRIEL_HAS_ERROR}}" type="email" id="courriel" name="courriel" value="{{COURRIEL_VALUE}}" autocomplete="off" spellcheck="false" required{{#COURRIEL_HAS_ERROR}} aria-invalid="true" aria-describedby="courriel-error"{{/COURRIEL_HAS_ERROR}}>
{{#COURRIEL_HAS_ERROR}}<p id="courriel-error" class="fr-error-text">{{COURRIEL_ERROR}}</p>{{/COURRIEL_HAS_ERROR}}
</div>

<fieldset class="fr-fieldset{{#ROLES_HAVE_ERROR}} fr-fieldset--error{{/ROLES_HAVE_ERROR}}" id="roles"{{#ROLES_HAVE_ERROR}} aria-labelledby="roles-legend roles-error"{{/ROLES_HAVE_ERROR}}>
<legend class="fr-fieldset__legend" id="roles-legend">Rôles * <span class="fr-hint-text">Au moins un. La délégation d'assistance aux familles s'accorde ensuite, sur la fiche.</span></legend>
{{#ROLE}}
<div class="fr-fieldset__element">
<div class="fr-checkbox-group">
<input type="checkbox" id="{{FIELD}}" name="{{FIELD}}" value="1"{{#CHECKED}} checked{{/CHECKED}}>
<label class="fr-label" for="{{FIELD}}">{{LABEL}}</label>
</div>
</div>
{{/ROLE}}
{{#ROLES_HAVE_ERROR}}<div class="fr-messages-group" id="roles-error"><p class="fr-message fr-message--error">{{ROLES_ERROR}}</p></div>{{/ROLES_HAVE_ERROR}}
</fieldset>

<h2>Pour un enseignant</h2>
<div class="fr-input-group{{#MATIERES_HAS_ERROR}} fr-input-group--error{{/MATIERES_HAS_ERROR}}">
<label class="fr-label" for="matieres">Disciplines enseignées
<span class="fr-hint-text">Séparées par des virgules, par exemple : Mathématiques, Physique-chimie.</span></label>
<input class="fr-input{{#MATIERES_HAS_ERROR}} fr-input--error{{/MATIERES_HAS_ERROR}}" type="text" id="matieres" name="matieres" value="{{MATIERES_VALUE}}" autocomplete="off"{{#MATIERES_HAS_ERROR}} aria-invalid="true" aria-describedby="matieres-error"{{/MATIERES_HAS_ERROR}}>
{{#MATIERES_HAS_ERROR}}<p id="matieres-error" class="fr-error-text">{{MATIERES_ERROR}}</p>{{/MATIERES_HAS_ERROR}}
</div>
{{#HAS_CLASSES}}
<fieldset class="fr-fieldset{{#CLASSES_HAVE_ERROR}} fr-fieldset--error{{/CLASSES_HAVE_ERROR}}" id="classes"{{#CLASSES_HAVE_ERROR}} aria-labelledby="classes-legend classes-error"{{/CLASSES_HAVE_ERROR}}>
<legend class="fr-fieldset__legend" id="classes-legend">Classes de l'enseignant</legend>
{{#CLASS}}
<div class="fr-fieldset__element fr-fieldset__element--inline">
<div class="fr-checkbox-group">
<input type="checkbox" id="{{FIELD}}" name="{{FIELD}}" value="1"{{#CHECKED}} checked{{/CHECKED}}>
<label class="fr-label" for="{{FIELD}}">{{NAME}}</label>
</div>
</div>
{{/CLASS}}
{{#CLASSES_HAVE_ERROR}}<div class="fr-messages-group" id="classes-error"><p class="fr-message fr-message--error">{{CLASSES_ERROR}}</p></div>{{/CLASSES_HAVE_ERROR}}
</fieldset>
{{/HAS_CLASSES}}
{{#NO_CLASSES}}<p>L'établissement n'a encore aucune classe : un compte d'enseignant ne peut pas encore être créé.</p>{{/NO_CLASSES}}

<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button type="submit" class="fr-btn">Créer le compte</button></li>
<li><a class="fr-btn fr-btn--secondary" href="/etablissement/personnels">Annuler</a></li>
</ul>
</form>
</div>
</div>
