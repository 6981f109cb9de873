{{%AUTOESCAPE context="HTML"}}
{{! A staff member's fiche (GET /etablissement/personnels/fiche?id=): ID,
    IDENTIFIER, NAME, EMAIL, ROLES, STATE, CREATED_AT, FACTOR, LOCKED,
    CODES_LEFT, TEACHING (CLASS rows: CLASS_NAME, SUBJECT); the notice of the
    action just done (CREATED_NOTICE, CLOSED_NOTICE, FACTOR_NOTICE, LINK_NOTICE, GRANTED_NOTICE,
    REVOKED_NOTICE); the actions allowed (CAN_CLOSE (with the reset), CAN_GRANT,
    CAN_REVOKE; SELF: one's own fiche). }}
<div class="fr-grid-row">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1>Fiche de {{NAME}}</h1>
{{#CLOSED_NOTICE}}<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status"><p>Le compte a été fermé : ses sessions sont terminées.</p></div>{{/CLOSED_NOTICE}}
{{#FACTOR_NOTICE}}<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status"><p>La double authentification a été réinitialisée : elle sera configurée à nouveau à la prochaine connexion.</p></div>{{/FACTOR_NOTICE}}
{{#CREATED_NOTICE}}<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status"><p>Le compte a été créé avec l'identifiant « {{IDENTIFIER}} ». Un lien d'activation a été envoyé à {{EMAIL}} : il est valable 72 heures et ne sert qu'une fois.</p></div>{{/CREATED_NOTICE}}
{{#LINK_NOTICE}}<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status"><p>Un nouveau lien d'activation a été envoyé à {{EMAIL}} : il est valable 72 heures et ne sert qu'une fois ; les liens précédents ne servent plus. Le mot de passe ne change que lorsqu'il est utilisé.</p></div>{{/LINK_NOTICE}}
{{#GRANTED_NOTICE}}<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status"><p>La délégation d'assistance aux familles a été accordée.</p></div>{{/GRANTED_NOTICE}}
{{#REVOKED_NOTICE}}<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status"><p>La délégation d'assistance aux familles a été retirée.</p></div>{{/REVOKED_NOTICE}}
<div class="fr-table">
<table tabindex="0">
<caption>Compte</caption>
<tbody>
<tr><th scope="row">Identifiant</th><td>{{IDENTIFIER}}</td></tr>
<tr><th scope="row">Adresse mail</th><td>{{EMAIL}}</td></tr>
<tr><th scope="row">Rôles</th><td>{{ROLES}}</td></tr>
<tr><th scope="row">État</th><td>{{STATE}}</td></tr>
<tr><th scope="row">Créé le</th><td>{{CREATED_AT}} (UTC)</td></tr>
<tr><th scope="row">Double authentification</th><td>{{FACTOR}}</td></tr>
<tr><th scope="row">Codes de secours restants</th><td>{{CODES_LEFT}}</td></tr>
<tr><th scope="row">Bloqué</th><td>{{LOCKED}}</td></tr>
</tbody>
</table>
</div>
{{#TEACHING}}
<div class="fr-table">
<table tabindex="0">
<caption>Classes et disciplines</caption>
<thead><tr><th scope="col">Classe</th><th scope="col">Discipline</th></tr></thead>
<tbody>
{{#CLASS}}<tr><td>{{CLASS_NAME}}</td><td>{{SUBJECT}}</td></tr>
{{/CLASS}}
</tbody>
</table>
</div>
{{/TEACHING}}
{{#SELF}}<p>C'est votre propre compte : un autre membre de la direction peut le fermer ou réinitialiser sa double authentification.</p>{{/SELF}}
{{#CAN_CLOSE}}
<h2>Actions</h2>
<form method="post" action="/etablissement/personnels/double-facteur" class="fr-mb-2w">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<button type="submit" class="fr-btn fr-btn--secondary">Réinitialiser la double authentification</button>
</form>
<form method="post" action="/etablissement/personnels/lien" class="fr-mb-2w">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<button type="submit" class="fr-btn fr-btn--secondary" aria-describedby="lien-aide">Envoyer un nouveau lien d'activation</button>
<p class="fr-hint-text" id="lien-aide">Pour un mot de passe oublié ou un lien expiré : le lien part à l'adresse du compte.</p>
</form>
{{#CAN_GRANT}}
<form method="post" action="/etablissement/personnels/delegation" class="fr-mb-2w">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<input type="hidden" name="action" value="accorder">
<button type="submit" class="fr-btn fr-btn--secondary">Accorder la délégation d'assistance aux familles</button>
</form>
{{/CAN_GRANT}}
{{#CAN_REVOKE}}
<form method="post" action="/etablissement/personnels/delegation" class="fr-mb-2w">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<input type="hidden" name="action" value="retirer">
<button type="submit" class="fr-btn fr-btn--secondary">Retirer la délégation d'assistance aux familles</button>
</form>
{{/CAN_REVOKE}}
<form method="post" action="/etablissement/personnels/fermer" class="fr-mb-2w">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<button type="submit" class="fr-btn fr-btn--tertiary">Fermer le compte</button>
</form>
{{/CAN_CLOSE}}
<p><a href="/etablissement/personnels">Retour à la liste des personnels</a></p>
</div>
</div>
