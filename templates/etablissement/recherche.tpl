{{%AUTOESCAPE context="HTML"}}
{{! Rechercher une famille (GET /etablissement/suivi/recherche): the filters
    nom, identifiant, classe (HAS_CLASSES: CLASS_OPTION ID, NAME, SELECTED),
    courriel, etat (STATE_OPTION CODE, LABEL, SELECTED); RESULTS (SLOT rows:
    ALL_SCHOOLS with SCHOOL, CLASS, PUPIL, KIND, HOLDER, STATE, STATE_CODE,
    LAST_LOGIN; ACCOUNT_LINK or ACCOUNT_TEXT with ID, IDENTIFIER; NO_ACCOUNT)
    or NO_RESULTS; PAGINATION (PAGE; PREVIOUS with PREVIOUS_PAGE, NEXT with
    NEXT_PAGE, CAPPED). The *_Q values are the filters, for the links. }}
<h1>Rechercher une famille</h1>
{{#HAS_ERRORS}}
<div id="erreurs" class="fr-alert fr-alert--error ts-erreurs fr-mb-4w" role="alert" tabindex="-1">
<h2 class="fr-alert__title">La recherche contient des erreurs</h2>
<ul>
{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERRORS}}
</ul>
</div>
{{/HAS_ERRORS}}
<p>Par nom ou prénom d'un élève ou d'un responsable (le début suffit, les accents sont ignorés), identifiant, classe, adresse mail ou état du compte{{#ALL_SCHOOLS}}, dans tous les établissements de l'académie{{/ALL_SCHOOLS}}.</p>
<form method="get" action="/etablissement/suivi/recherche" novalidate>
<div class="fr-grid-row fr-grid-row--gutters">
<div class="fr-col-12 fr-col-md-4">
<div class="fr-input-group{{#NOM_HAS_ERROR}} fr-input-group--error{{/NOM_HAS_ERROR}}">
<label class="fr-label" for="nom">Nom ou prénom <span class="fr-hint-text">Par exemple : Mart, ou Léa Martin</span></label>
<input class="fr-input{{#NOM_HAS_ERROR}} fr-input--error{{/NOM_HAS_ERROR}}" type="text" id="nom" name="nom" value="{{NOM_VALUE}}" autocomplete="off"{{#NOM_HAS_ERROR}} aria-invalid="true" aria-describedby="nom-error"{{/NOM_HAS_ERROR}}>
{{#NOM_HAS_ERROR}}<p id="nom-error" class="fr-error-text">{{NOM_ERROR}}</p>{{/NOM_HAS_ERROR}}
</div>
</div>
<div class="fr-col-12 fr-col-md-4">
<div class="fr-input-group{{#IDENTIFIANT_HAS_ERROR}} fr-input-group--error{{/IDENTIFIANT_HAS_ERROR}}">
<label class="fr-label" for="identifiant">Identifiant</label>
<input class="fr-input{{#IDENTIFIANT_HAS_ERROR}} fr-input--error{{/IDENTIFIANT_HAS_ERROR}}" type="text" id="identifiant" name="identifiant" value="{{IDENTIFIANT_VALUE}}" autocomplete="off" spellcheck="false"{{#IDENTIFIANT_HAS_ERROR}} aria-invalid="true" aria-describedby="identifiant-error"{{/IDENTIFIANT_HAS_ERROR}}>
{{#IDENTIFIANT_HAS_ERROR}}<p id="identifiant-error" class="fr-error-text">{{IDENTIFIANT_ERROR}}</p>{{/IDENTIFIANT_HAS_ERROR}}
</div>
</div>
<div class="fr-col-12 fr-col-md-4">
<div class="fr-input-group{{#COURRIEL_HAS_ERROR}} fr-input-group--error{{/COURRIEL_HAS_ERROR}}">
<label class="fr-label" for="courriel">Adresse mail</label>
<input class="fr-input{{#COURRIEL_HAS_ERROR}} fr-input--error{{/COURRIEL_HAS_ERROR}}" type="text" id="courriel" name="courriel" value="{{COURRIEL_VALUE}}" autocomplete="off" spellcheck="false"{{#COURRIEL_HAS_ERROR}} aria-invalid="true" aria-describedby="courriel-error"{{/COURRIEL_HAS_ERROR}}>
{{#COURRIEL_HAS_ERROR}}<p id="courriel-error" class="fr-error-text">{{COURRIEL_ERROR}}</p>{{/COURRIEL_HAS_ERROR}}
</div>
</div>
{{#HAS_CLASSES}}
<div class="fr-col-12 fr-col-md-4">
<div class="fr-select-group{{#CLASSE_HAS_ERROR}} fr-select-group--error{{/CLASSE_HAS_ERROR}}">
<label class="fr-label" for="classe">Classe</label>
<select class="fr-select" id="classe" name="classe"{{#CLASSE_HAS_ERROR}} aria-invalid="true" aria-describedby="classe-error"{{/CLASSE_HAS_ERROR}}>
<option value="">Toutes</option>
{{#CLASS_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/CLASS_OPTION}}
</select>
{{#CLASSE_HAS_ERROR}}<p id="classe-error" class="fr-error-text">{{CLASSE_ERROR}}</p>{{/CLASSE_HAS_ERROR}}
</div>
</div>
{{/HAS_CLASSES}}
<div class="fr-col-12 fr-col-md-4">
<div class="fr-select-group{{#ETAT_HAS_ERROR}} fr-select-group--error{{/ETAT_HAS_ERROR}}">
<label class="fr-label" for="etat">État du compte</label>
<select class="fr-select" id="etat" name="etat"{{#ETAT_HAS_ERROR}} aria-invalid="true" aria-describedby="etat-error"{{/ETAT_HAS_ERROR}}>
<option value="">Tous</option>
{{#STATE_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/STATE_OPTION}}
</select>
{{#ETAT_HAS_ERROR}}<p id="etat-error" class="fr-error-text">{{ETAT_ERROR}}</p>{{/ETAT_HAS_ERROR}}
</div>
</div>
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button type="submit" class="fr-btn">Rechercher</button></li>
<li><a class="fr-btn fr-btn--secondary" href="/etablissement/suivi.csv?nom={{NOM_Q:url_query_escape}}&amp;identifiant={{IDENTIFIANT_Q:url_query_escape}}&amp;classe={{CLASSE_Q:url_query_escape}}&amp;courriel={{COURRIEL_Q:url_query_escape}}&amp;etat={{ETAT_Q:url_query_escape}}">Exporter le résultat en CSV</a></li>
</ul>
</form>
{{#NO_RESULTS}}<p>Aucun compte ne correspond à cette recherche.</p>{{/NO_RESULTS}}
{{#RESULTS}}
<div class="fr-table">
<table tabindex="0">
<caption>Résultats</caption>
<thead><tr>{{#ALL_SCHOOLS}}<th scope="col">Établissement</th>{{/ALL_SCHOOLS}}<th scope="col">Classe</th><th scope="col">Élève</th><th scope="col">Compte</th><th scope="col">Titulaire</th><th scope="col">Identifiant</th><th scope="col">État</th><th scope="col">Dernière connexion</th></tr></thead>
<tbody>
{{#SLOT}}<tr>{{#ALL_SCHOOLS}}<td>{{SCHOOL}}</td>{{/ALL_SCHOOLS}}<td>{{CLASS}}</td><th scope="row">{{PUPIL}}</th><td>{{KIND}}</td><td>{{HOLDER}}</td><td>{{#ACCOUNT_LINK}}<a href="/etablissement/famille?id={{ID}}">{{IDENTIFIER}}</a>{{/ACCOUNT_LINK}}{{#ACCOUNT_TEXT}}{{IDENTIFIER}}{{/ACCOUNT_TEXT}}{{#NO_ACCOUNT}}—{{/NO_ACCOUNT}}</td><td><span class="ts-etat" data-etat="{{STATE_CODE}}">{{STATE}}</span></td><td>{{LAST_LOGIN}}</td></tr>
{{/SLOT}}
</tbody>
</table>
</div>
{{/RESULTS}}
{{#PAGINATION}}
<nav role="navigation" class="fr-pagination" aria-label="Pages de résultats">
<ul class="fr-pagination__list">
{{#PREVIOUS}}<li><a class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" href="/etablissement/suivi/recherche?nom={{NOM_Q:url_query_escape}}&amp;identifiant={{IDENTIFIANT_Q:url_query_escape}}&amp;classe={{CLASSE_Q:url_query_escape}}&amp;courriel={{COURRIEL_Q:url_query_escape}}&amp;etat={{ETAT_Q:url_query_escape}}&amp;page={{PREVIOUS_PAGE}}">Page précédente</a></li>{{/PREVIOUS}}
<li><a class="fr-pagination__link" aria-current="page">Page {{PAGE}}</a></li>
{{#NEXT}}<li><a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href="/etablissement/suivi/recherche?nom={{NOM_Q:url_query_escape}}&amp;identifiant={{IDENTIFIANT_Q:url_query_escape}}&amp;classe={{CLASSE_Q:url_query_escape}}&amp;courriel={{COURRIEL_Q:url_query_escape}}&amp;etat={{ETAT_Q:url_query_escape}}&amp;page={{NEXT_PAGE}}">Page suivante</a></li>{{/NEXT}}
</ul>
</nav>
{{#CAPPED}}<p>La recherche est limitée à 1 000 résultats : précisez-la (classe, état, début du nom) pour voir les suivants.</p>{{/CAPPED}}
{{/PAGINATION}}
