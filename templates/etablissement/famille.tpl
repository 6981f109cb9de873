{{%AUTOESCAPE context="HTML"}}
{{! A family account's fiche (GET /etablissement/famille?id=): ID,
    IDENTIFIER, NAME, KIND, STATE (the follow-up's label), CREATED_AT,
    LAST_LOGIN, EMAIL and PENDING_EMAIL (partly masked; CONFIRMED_AT with
    CONFIRMED), CLOSED_AT with CLOSED, LOCKED with UNTIL or NOT_LOCKED;
    CHILDREN (CHILD: CHILD_NAME, CHILD_CLASS, CHILD_SCHOOL) or NO_CHILDREN;
    TRAIL (EVENT: AT, BY, LABEL, DETAIL) or NO_TRAIL; NOTICE (TEXT) after an
    action. The actions the state allows: OPEN (regenerate the letter: the
    courriers part's route), CAN_RESEND, CAN_CORRECT (nouvelle_adresse,
    confirmation_adresse, with their errors), CAN_CLOSE (confirmer, with its
    error), LOCKED (unlock). No password of a family is ever shown here. }}
<div class="fr-grid-row">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-9">
<h1>Compte {{IDENTIFIER}}</h1>
{{#HAS_ERRORS}}
<div id="erreurs" class="fr-alert fr-alert--error ts-erreurs fr-mb-4w" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le formulaire contient des erreurs</h2>
<ul>
{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERRORS}}
</ul>
</div>
{{/HAS_ERRORS}}
{{#NOTICE}}<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status"><p>{{TEXT}}</p></div>{{/NOTICE}}
<div class="fr-table">
<table tabindex="0">
<caption>Le compte</caption>
<tbody>
<tr><th scope="row">Nom</th><td>{{NAME}}</td></tr>
<tr><th scope="row">Identifiant</th><td>{{IDENTIFIER}}</td></tr>
<tr><th scope="row">Type de compte</th><td>{{KIND}}</td></tr>
<tr><th scope="row">État</th><td id="etat-du-compte">{{STATE}}</td></tr>
<tr><th scope="row">Créé le</th><td>{{CREATED_AT}}</td></tr>
<tr><th scope="row">Dernière connexion</th><td>{{LAST_LOGIN}}</td></tr>
<tr><th scope="row">Adresse mail confirmée</th><td>{{EMAIL}}{{#CONFIRMED_AT}} (confirmée le {{CONFIRMED}}){{/CONFIRMED_AT}}</td></tr>
<tr><th scope="row">Adresse en attente de confirmation</th><td>{{PENDING_EMAIL}}</td></tr>
<tr><th scope="row">Blocage</th><td>{{#LOCKED}}Bloqué jusqu'au {{UNTIL}}{{/LOCKED}}{{#NOT_LOCKED}}Non bloqué{{/NOT_LOCKED}}</td></tr>
{{#CLOSED_AT}}<tr><th scope="row">Fermé le</th><td>{{CLOSED}}</td></tr>{{/CLOSED_AT}}
</tbody>
</table>
</div>
<h2>Enfants</h2>
{{#NO_CHILDREN}}<p>Aucun enfant de l'établissement n'est rattaché à ce compte.</p>{{/NO_CHILDREN}}
{{#CHILDREN}}
<ul>
{{#CHILD}}<li>{{CHILD_NAME}}, {{CHILD_CLASS}} ({{CHILD_SCHOOL}})</li>
{{/CHILD}}
</ul>
{{/CHILDREN}}
<h2>Aider la famille</h2>
{{#LOCKED}}
<form method="post" action="/etablissement/famille/deverrouiller" class="fr-mb-3w">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<button type="submit" class="fr-btn">Lever le blocage</button>
</form>
{{/LOCKED}}
{{#CAN_RESEND}}
<form method="post" action="/etablissement/famille/renvoyer" class="fr-mb-3w">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<button type="submit" class="fr-btn fr-btn--secondary" aria-describedby="renvoyer-aide">Renvoyer le mail d'activation</button>
<p class="fr-hint-text" id="renvoyer-aide">Un nouveau lien part à l'adresse en attente de confirmation.</p>
</form>
{{/CAN_RESEND}}
{{#OPEN}}
<form method="post" action="/etablissement/courriers/compte" class="fr-mb-3w">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="compte" value="{{ID}}">
<button type="submit" class="fr-btn fr-btn--secondary" aria-describedby="courrier-aide">Régénérer le courrier</button>
<p class="fr-hint-text" id="courrier-aide">Un nouveau courrier (PDF) avec un nouveau mot de passe provisoire : l'ancien courrier ne sert plus.</p>
</form>
{{/OPEN}}
{{#CAN_CORRECT}}
<form method="post" action="/etablissement/famille/adresse" class="fr-mb-3w" novalidate>
<fieldset class="fr-fieldset">
<legend class="fr-fieldset__legend">Corriger l'adresse mail</legend>
<p class="fr-hint-text">La famille reçoit un lien à la nouvelle adresse : elle ne devient celle du compte qu'une fois confirmée.</p>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<div class="fr-input-group{{#NOUVELLE_ADRESSE_HAS_ERROR}} fr-input-group--error{{/NOUVELLE_ADRESSE_HAS_ERROR}}">
<label class="fr-label" for="nouvelle_adresse">Nouvelle adresse mail</label>
<input class="fr-input{{#NOUVELLE_ADRESSE_HAS_ERROR}} fr-input--error{{/NOUVELLE_ADRESSE_HAS_ERROR}}" type="email" id="nouvelle_adresse" name="nouvelle_adresse" value="{{NOUVELLE_ADRESSE_VALUE}}" autocomplete="off" spellcheck="false"{{#NOUVELLE_ADRESSE_HAS_ERROR}} aria-invalid="true" aria-describedby="nouvelle_adresse-error"{{/NOUVELLE_ADRESSE_HAS_ERROR}}>
{{#NOUVELLE_ADRESSE_HAS_ERROR}}<p id="nouvelle_adresse-error" class="fr-error-text">{{NOUVELLE_ADRESSE_ERROR}}</p>{{/NOUVELLE_ADRESSE_HAS_ERROR}}
</div>
<div class="fr-input-group{{#CONFIRMATION_ADRESSE_HAS_ERROR}} fr-input-group--error{{/CONFIRMATION_ADRESSE_HAS_ERROR}}">
<label class="fr-label" for="confirmation_adresse">Nouvelle adresse mail, une seconde fois</label>
<input class="fr-input{{#CONFIRMATION_ADRESSE_HAS_ERROR}} fr-input--error{{/CONFIRMATION_ADRESSE_HAS_ERROR}}" type="email" id="confirmation_adresse" name="confirmation_adresse" value="{{CONFIRMATION_ADRESSE_VALUE}}" autocomplete="off" spellcheck="false"{{#CONFIRMATION_ADRESSE_HAS_ERROR}} aria-invalid="true" aria-describedby="confirmation_adresse-error"{{/CONFIRMATION_ADRESSE_HAS_ERROR}}>
{{#CONFIRMATION_ADRESSE_HAS_ERROR}}<p id="confirmation_adresse-error" class="fr-error-text">{{CONFIRMATION_ADRESSE_ERROR}}</p>{{/CONFIRMATION_ADRESSE_HAS_ERROR}}
</div>
<button type="submit" class="fr-btn fr-btn--secondary">Envoyer le lien de confirmation</button>
</fieldset>
</form>
{{/CAN_CORRECT}}
{{#CAN_CLOSE}}
<form method="post" action="/etablissement/famille/fermer" class="fr-mb-3w" novalidate>
<fieldset class="fr-fieldset">
<legend class="fr-fieldset__legend">Fermer le compte</legend>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<div class="fr-checkbox-group{{#CONFIRMER_HAS_ERROR}} fr-checkbox-group--error{{/CONFIRMER_HAS_ERROR}}">
<input type="checkbox" id="confirmer" name="confirmer" value="1"{{#CONFIRMER_HAS_ERROR}} aria-invalid="true" aria-describedby="confirmer-error"{{/CONFIRMER_HAS_ERROR}}>
<label class="fr-label" for="confirmer">Je confirme la fermeture : la famille ne pourra plus se connecter avec ce compte, ses sessions se terminent.</label>
{{#CONFIRMER_HAS_ERROR}}<p id="confirmer-error" class="fr-error-text">{{CONFIRMER_ERROR}}</p>{{/CONFIRMER_HAS_ERROR}}
</div>
<button type="submit" class="fr-btn fr-btn--tertiary">Fermer le compte</button>
</fieldset>
</form>
{{/CAN_CLOSE}}
<h2>Historique du compte</h2>
{{#NO_TRAIL}}<p>Aucun événement enregistré pour ce compte.</p>{{/NO_TRAIL}}
{{#TRAIL}}
<div class="fr-table">
<table tabindex="0">
<caption>Les 50 derniers événements (heure de Paris)</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Par</th><th scope="col">Événement</th><th scope="col">Détail</th></tr></thead>
<tbody>
{{#EVENT}}<tr><td>{{AT}}</td><td>{{BY}}</td><td>{{LABEL}}</td><td>{{DETAIL}}</td></tr>
{{/EVENT}}
</tbody>
</table>
</div>
{{/TRAIL}}
<p><a href="/etablissement/assistance">Retour à l'assistance aux familles</a></p>
</div>
</div>
