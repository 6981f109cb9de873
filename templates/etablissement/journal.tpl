{{%AUTOESCAPE context="HTML"}}
{{! The journal (GET /etablissement/journal): the filter form (du, au,
    identifiant, evenement: EVENT options NAME (the type), LABEL (its French
    label, security::event_label), SELECTED), then ROWS (ROW: AT,
    IDENTIFIER, EVENT (the label), DETAIL, ADDRESS; with ALL_SCHOOLS, SCHOOL) or NO_ROWS,
    and PAGINATION (FIRST_LINK: back to the newest; OLDER_LINK, AVANT: the
    keyset position of the next page). The *_Q values
    are the filters in force, for the links (url_query_escape). }}
<h1>Journal</h1>
{{#HAS_ERRORS}}
<div id="erreurs" class="fr-alert fr-alert--error ts-erreurs fr-mb-4w" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Les filtres contiennent des erreurs</h2>
<ul>
{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERRORS}}
</ul>
</div>
{{/HAS_ERRORS}}
<p>Les événements de sécurité des comptes{{#ALL_SCHOOLS}} de tous les établissements de l'académie{{/ALL_SCHOOLS}}, du plus récent au plus ancien. Les dates et heures sont celles de Paris.</p>
<form method="get" action="/etablissement/journal" novalidate>
<div class="fr-grid-row fr-grid-row--gutters">
<div class="fr-col-12 fr-col-md-3">
<div class="fr-input-group{{#DU_HAS_ERROR}} fr-input-group--error{{/DU_HAS_ERROR}}">
<label class="fr-label" for="du">Du <span class="fr-hint-text">AAAA-MM-JJ</span></label>
<input class="fr-input{{#DU_HAS_ERROR}} fr-input--error{{/DU_HAS_ERROR}}" type="text" id="du" name="du" value="{{DU_VALUE}}" autocomplete="off" spellcheck="false"{{#DU_HAS_ERROR}} aria-invalid="true" aria-describedby="du-error"{{/DU_HAS_ERROR}}>
{{#DU_HAS_ERROR}}<p id="du-error" class="fr-error-text">{{DU_ERROR}}</p>{{/DU_HAS_ERROR}}
</div>
</div>
<div class="fr-col-12 fr-col-md-3">
<div class="fr-input-group{{#AU_HAS_ERROR}} fr-input-group--error{{/AU_HAS_ERROR}}">
<label class="fr-label" for="au">Au <span class="fr-hint-text">AAAA-MM-JJ, inclus</span></label>
<input class="fr-input{{#AU_HAS_ERROR}} fr-input--error{{/AU_HAS_ERROR}}" type="text" id="au" name="au" value="{{AU_VALUE}}" autocomplete="off" spellcheck="false"{{#AU_HAS_ERROR}} aria-invalid="true" aria-describedby="au-error"{{/AU_HAS_ERROR}}>
{{#AU_HAS_ERROR}}<p id="au-error" class="fr-error-text">{{AU_ERROR}}</p>{{/AU_HAS_ERROR}}
</div>
</div>
<div class="fr-col-12 fr-col-md-3">
<div class="fr-input-group{{#IDENTIFIANT_HAS_ERROR}} fr-input-group--error{{/IDENTIFIANT_HAS_ERROR}}">
<label class="fr-label" for="identifiant">Identifiant</label>
<input class="fr-input{{#IDENTIFIANT_HAS_ERROR}} fr-input--error{{/IDENTIFIANT_HAS_ERROR}}" type="text" id="identifiant" name="identifiant" value="{{IDENTIFIANT_VALUE}}" autocomplete="off" spellcheck="false"{{#IDENTIFIANT_HAS_ERROR}} aria-invalid="true" aria-describedby="identifiant-error"{{/IDENTIFIANT_HAS_ERROR}}>
{{#IDENTIFIANT_HAS_ERROR}}<p id="identifiant-error" class="fr-error-text">{{IDENTIFIANT_ERROR}}</p>{{/IDENTIFIANT_HAS_ERROR}}
</div>
</div>
<div class="fr-col-12 fr-col-md-3">
<div class="fr-select-group">
<label class="fr-label" for="evenement">Événement</label>
<select class="fr-select" id="evenement" name="evenement">
<option value="">Tous</option>
{{#EVENT}}<option value="{{NAME}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/EVENT}}
</select>
</div>
</div>
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button type="submit" class="fr-btn">Filtrer</button></li>
<li><a class="fr-btn fr-btn--secondary" href="/etablissement/journal.csv?du={{DU_Q:url_query_escape}}&amp;au={{AU_Q:url_query_escape}}&amp;identifiant={{IDENTIFIANT_Q:url_query_escape}}&amp;evenement={{EVENEMENT_Q:url_query_escape}}">Exporter en CSV</a></li>
</ul>
</form>
{{#NO_ROWS}}<p>Aucun événement ne correspond à ces filtres.</p>{{/NO_ROWS}}
{{#ROWS}}
<div class="fr-table">
<table tabindex="0">
<caption>Événements{{#NOT_FIRST}} (suite){{/NOT_FIRST}}</caption>
<thead><tr>{{#ALL_SCHOOLS}}<th scope="col">Établissement</th>{{/ALL_SCHOOLS}}<th scope="col">Date</th><th scope="col">Identifiant</th><th scope="col">Événement</th><th scope="col">Détail</th><th scope="col">Adresse IP</th></tr></thead>
<tbody>
{{#ROW}}<tr>{{#ALL_SCHOOLS}}<td>{{SCHOOL}}</td>{{/ALL_SCHOOLS}}<td>{{AT}}</td><td>{{IDENTIFIER}}</td><td>{{EVENT}}</td><td>{{DETAIL}}</td><td>{{ADDRESS}}</td></tr>
{{/ROW}}
</tbody>
</table>
</div>
{{/ROWS}}
{{#PAGINATION}}
<nav role="navigation" class="fr-pagination" aria-label="Pagination du journal">
<ul class="fr-pagination__list">
{{#FIRST_LINK}}<li><a class="fr-pagination__link fr-pagination__link--first fr-pagination__link--lg-label" href="/etablissement/journal?du={{DU_Q:url_query_escape}}&amp;au={{AU_Q:url_query_escape}}&amp;identifiant={{IDENTIFIANT_Q:url_query_escape}}&amp;evenement={{EVENEMENT_Q:url_query_escape}}">Plus récents</a></li>{{/FIRST_LINK}}
{{#OLDER_LINK}}<li><a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href="/etablissement/journal?du={{DU_Q:url_query_escape}}&amp;au={{AU_Q:url_query_escape}}&amp;identifiant={{IDENTIFIANT_Q:url_query_escape}}&amp;evenement={{EVENEMENT_Q:url_query_escape}}&amp;avant={{AVANT}}">Plus anciens</a></li>{{/OLDER_LINK}}
</ul>
</nav>
{{/PAGINATION}}
