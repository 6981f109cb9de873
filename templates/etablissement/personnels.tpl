{{%AUTOESCAPE context="HTML"}}
{{! Personnels: the school's staff (MEMBER rows: ID, IDENTIFIER, NAME, ROLES,
    STATE, FACTOR), closed accounts last; EMPTY when there is none. }}
<h1>Personnels</h1>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><a class="fr-btn" href="/etablissement/personnels/nouveau">Créer un compte de personnel</a></li>
</ul>
{{#EMPTY}}<p>Aucun compte de personnel pour l'instant.</p>{{/EMPTY}}
<div class="fr-table">
<table tabindex="0">
<caption>Les comptes des personnels de l'établissement</caption>
<thead><tr><th scope="col">Identifiant</th><th scope="col">Nom</th><th scope="col">Rôles</th><th scope="col">État</th><th scope="col">Double authentification</th></tr></thead>
<tbody>
{{#MEMBER}}<tr><td><a href="/etablissement/personnels/fiche?id={{ID}}">{{IDENTIFIER}}</a></td><td>{{NAME}}</td><td>{{ROLES}}</td><td>{{STATE}}</td><td>{{FACTOR}}</td></tr>
{{/MEMBER}}
</tbody>
</table>
</div>
