{{%AUTOESCAPE context="HTML"}}
{{! Suivi des comptes (GET /etablissement/suivi[?classe=]): what the school
    expects — one account per current pupil, one per responsable légal and
    child — and the state of each. STATE_HEAD (LABEL): the eight states, in
    the columns' order; GROUP rows (a class, or for the académie
    (ALL_SCHOOLS) a school): SCHOOL, the heading (SCHOOL_CELL; or CLASS_LINK with CLASS_ID,
    or CLASS_TEXT), EXPECTED, N0…N7, ACTIVE, RATE; TOTAL_EXPECTED, TOTAL_ACTIVE,
    TOTAL_RATE. CLASS_DETAIL (CLASS, CLASS_ID): the class's SLOT rows
    (CLASS, PUPIL, KIND, HOLDER, STATE, STATE_CODE, LAST_LOGIN; ACCOUNT_LINK
    or ACCOUNT_TEXT with ID, IDENTIFIER; NO_ACCOUNT). }}
<h1>Suivi des comptes</h1>
<p>Pour chaque élève présent, un compte d'élève est attendu, et un compte par responsable légal et par enfant. Le taux d'activation rapporte les comptes actifs aux comptes attendus{{#ALL_SCHOOLS}}, établissement par établissement{{/ALL_SCHOOLS}}.</p>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><a class="fr-btn fr-btn--secondary" href="/etablissement/suivi/recherche">Rechercher une famille</a></li>
<li><a class="fr-btn fr-btn--secondary" href="/etablissement/suivi.csv">Exporter tous les comptes en CSV</a></li>
</ul>
{{#NO_ROWS}}<p>Aucun élève pour l'instant.</p>{{/NO_ROWS}}
{{#ROWS}}
<div class="fr-table">
<table tabindex="0">
<caption>Comptes attendus et leur état{{#ALL_SCHOOLS}}, par établissement{{/ALL_SCHOOLS}}{{#ONE_SCHOOL}}, par classe{{/ONE_SCHOOL}}</caption>
<thead><tr><th scope="col">{{#ALL_SCHOOLS}}Établissement{{/ALL_SCHOOLS}}{{#ONE_SCHOOL}}Classe{{/ONE_SCHOOL}}</th><th scope="col">Comptes attendus</th>{{#STATE_HEAD}}<th scope="col">{{LABEL}}</th>{{/STATE_HEAD}}<th scope="col">Taux d'activation</th></tr></thead>
<tbody>
{{#GROUP}}<tr><th scope="row">{{#SCHOOL_CELL}}{{SCHOOL}}{{/SCHOOL_CELL}}{{#CLASS_LINK}}<a href="/etablissement/suivi?classe={{CLASS_ID}}#classe">{{CLASS}}</a>{{/CLASS_LINK}}{{#CLASS_TEXT}}{{CLASS}}{{/CLASS_TEXT}}</th><td>{{EXPECTED}}</td><td>{{N0}}</td><td>{{N1}}</td><td>{{N2}}</td><td>{{N3}}</td><td>{{N4}}</td><td>{{N5}}</td><td>{{N6}}</td><td>{{N7}}</td><td>{{RATE}}</td></tr>
{{/GROUP}}
</tbody>
<tfoot><tr><th scope="row">Total</th><td>{{TOTAL_EXPECTED}}</td><td colspan="8">dont {{TOTAL_ACTIVE}} actifs</td><td>{{TOTAL_RATE}}</td></tr></tfoot>
</table>
</div>
{{/ROWS}}
{{#CLASS_DETAIL}}
<h2 id="classe">Classe {{CLASS}}</h2>
<p><a href="/etablissement/suivi.csv?classe={{CLASS_ID}}">Exporter la classe en CSV</a></p>
{{#NO_SLOTS}}<p>Aucun élève dans cette classe.</p>{{/NO_SLOTS}}
{{#HAS_SLOTS}}
<div class="fr-table">
<table tabindex="0">
<caption>Comptes de la classe {{CLASS}}</caption>
<thead><tr><th scope="col">Élève</th><th scope="col">Compte</th><th scope="col">Titulaire</th><th scope="col">Identifiant</th><th scope="col">État</th><th scope="col">Dernière connexion</th></tr></thead>
<tbody>
{{#SLOT}}<tr><th scope="row">{{PUPIL}}</th><td>{{KIND}}</td><td>{{HOLDER}}</td><td>{{#ACCOUNT_LINK}}<a href="/etablissement/famille?id={{ID}}">{{IDENTIFIER}}</a>{{/ACCOUNT_LINK}}{{#ACCOUNT_TEXT}}{{IDENTIFIER}}{{/ACCOUNT_TEXT}}{{#NO_ACCOUNT}}—{{/NO_ACCOUNT}}</td><td><span class="ts-etat" data-etat="{{STATE_CODE}}">{{STATE}}</span></td><td>{{LAST_LOGIN}}</td></tr>
{{/SLOT}}
</tbody>
</table>
</div>
{{/HAS_SLOTS}}
{{/CLASS_DETAIL}}
