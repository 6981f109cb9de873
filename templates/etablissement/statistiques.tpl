{{%AUTOESCAPE context="HTML"}}
{{! Statistiques (GET /etablissement/statistiques): one GROUP row per school
    of the scope (SCHOOL_CELL: SCHOOL; EXPECTED, ACTIVE, RATE; N0…N7 unused
    here); TOTAL_EXPECTED, TOTAL_ACTIVE, TOTAL_RATE; ALL_SCHOOLS for the
    académie. }}
<h1>Statistiques des comptes</h1>
<p>Comptes attendus (un par élève présent, un par responsable légal et par enfant), comptes actifs et taux d'activation{{#ALL_SCHOOLS}} de chaque établissement de l'académie{{/ALL_SCHOOLS}}.</p>
{{#NO_ROWS}}<p>Aucun établissement.</p>{{/NO_ROWS}}
{{#ROWS}}
<div class="fr-table">
<table tabindex="0">
<caption>Taux d'activation par établissement</caption>
<thead><tr><th scope="col">Établissement</th><th scope="col">Comptes attendus</th><th scope="col">Comptes actifs</th><th scope="col">Taux d'activation</th></tr></thead>
<tbody>
{{#GROUP}}<tr><th scope="row">{{SCHOOL}}</th><td>{{EXPECTED}}</td><td>{{ACTIVE}}</td><td>{{RATE}}</td></tr>
{{/GROUP}}
</tbody>
<tfoot><tr><th scope="row">Total</th><td>{{TOTAL_EXPECTED}}</td><td>{{TOTAL_ACTIVE}}</td><td>{{TOTAL_RATE}}</td></tr></tfoot>
</table>
</div>
{{/ROWS}}
