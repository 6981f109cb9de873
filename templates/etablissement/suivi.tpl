{{%AUTOESCAPE context="HTML"}}
{{! Suivi des comptes: ROW (SCHOOL with ALL_SCHOOLS, CLASS, KIND, LETTER,
    PENDING, ACTIVE, CLOSED): the families' accounts by class and state;
    TOTAL_* sum the rows (a responsable account holding children of two
    classes is counted in each). }}
<h1>Suivi des comptes</h1>
<p>Les comptes des familles{{#ALL_SCHOOLS}} de tous les établissements de l'académie{{/ALL_SCHOOLS}}, par classe et par état. Un compte de responsable dont les enfants sont dans deux classes compte dans chacune.</p>
{{#NO_ROWS}}<p>Aucun compte de famille pour l'instant.</p>{{/NO_ROWS}}
{{#ROWS}}
<div class="fr-table">
<table tabindex="0">
<caption>Comptes par classe et par état</caption>
<thead><tr>{{#ALL_SCHOOLS}}<th scope="col">Établissement</th>{{/ALL_SCHOOLS}}<th scope="col">Classe</th><th scope="col">Comptes</th><th scope="col">Courrier non utilisé</th><th scope="col">Adresse à confirmer</th><th scope="col">Actifs</th><th scope="col">Fermés</th></tr></thead>
<tbody>
{{#ROW}}<tr>{{#ALL_SCHOOLS}}<td>{{SCHOOL}}</td>{{/ALL_SCHOOLS}}<th scope="row">{{CLASS}}</th><td>{{KIND}}</td><td>{{LETTER}}</td><td>{{PENDING}}</td><td>{{ACTIVE}}</td><td>{{CLOSED}}</td></tr>
{{/ROW}}
</tbody>
<tfoot><tr><th scope="row" colspan="{{#ALL_SCHOOLS}}3{{/ALL_SCHOOLS}}{{#ONE_SCHOOL}}2{{/ONE_SCHOOL}}">Total</th><td>{{TOTAL_LETTER}}</td><td>{{TOTAL_PENDING}}</td><td>{{TOTAL_ACTIVE}}</td><td>{{TOTAL_CLOSED}}</td></tr></tfoot>
</table>
</div>
{{/ROWS}}
