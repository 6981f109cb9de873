{{%AUTOESCAPE context="HTML"}}
{{! Assistance aux familles: the search form (identifiant); NOT_FOUND (404)
    when no family account of the school has it; ACCOUNT (ID, IDENTIFIER,
    NAME, KIND, STATE, EMAIL partly masked; LOCKED with UNTIL, or NOT_LOCKED)
    and the unlock form; UNLOCKED_NOTICE after an unlock. No password of a
    family is ever shown or asked here. }}
<div class="fr-grid-row">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1>Assistance aux familles</h1>
{{#UNLOCKED_NOTICE}}<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status"><p>Le blocage du compte a été levé : la famille peut se connecter de nouveau.</p></div>{{/UNLOCKED_NOTICE}}
<form method="get" action="/etablissement/assistance" novalidate>
<div class="fr-input-group{{#NOT_FOUND}} fr-input-group--error{{/NOT_FOUND}}">
<label class="fr-label" for="identifiant">Identifiant du compte de la famille
<span class="fr-hint-text">Celui qui figure sur le courrier, par exemple : claire.martin</span></label>
<input class="fr-input{{#NOT_FOUND}} fr-input--error{{/NOT_FOUND}}" type="text" id="identifiant" name="identifiant" value="{{IDENTIFIANT_VALUE}}" autocomplete="off" spellcheck="false"{{#NOT_FOUND}} aria-invalid="true" aria-describedby="identifiant-error"{{/NOT_FOUND}}>
{{#NOT_FOUND}}<p id="identifiant-error" class="fr-error-text">Aucun compte de famille de l'établissement ne porte cet identifiant.</p>{{/NOT_FOUND}}
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button type="submit" class="fr-btn">Rechercher</button></li>
</ul>
</form>
{{#ACCOUNT}}
<div class="fr-table">
<table tabindex="0">
<caption>Compte {{IDENTIFIER}}</caption>
<tbody>
<tr><th scope="row">Nom</th><td>{{NAME}}</td></tr>
<tr><th scope="row">Type de compte</th><td>{{KIND}}</td></tr>
<tr><th scope="row">État</th><td>{{STATE}}</td></tr>
<tr><th scope="row">Adresse mail confirmée</th><td>{{EMAIL}}</td></tr>
<tr><th scope="row">Blocage</th><td>{{#LOCKED}}Bloqué jusqu'au {{UNTIL}}{{/LOCKED}}{{#NOT_LOCKED}}Non bloqué{{/NOT_LOCKED}}</td></tr>
</tbody>
</table>
</div>
{{#LOCKED}}
<form method="post" action="/etablissement/assistance/deverrouiller">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button type="submit" class="fr-btn">Lever le blocage</button></li>
</ul>
</form>
{{/LOCKED}}
<p><a class="fr-link" href="/etablissement/famille?id={{ID}}">Ouvrir la fiche du compte</a> : enfants, historique, renvoi du mail d'activation, correction de l'adresse, fermeture, nouveau courrier.</p>
<p>Le mot de passe d'une famille n'est jamais visible ici : si elle l'a oublié, elle le réinitialise elle-même depuis « Mot de passe oublié » ou l'établissement lui imprime un nouveau courrier.</p>
{{/ACCOUNT}}
</div>
</div>
