{{%AUTOESCAPE context="HTML"}}
{{! The import's preview (POST /etablissement/import): PREVIEW (the files
    have no problem) with COUNT rows (LABEL, N);
    CHANGES with CHANGE rows (WHAT, WHO, DETAIL) and MORE_CHANGES (N);
    PROBLEMS (PROBLEM_COUNT: all of them) with PROBLEM rows (FILE, LINE,
    FIELD, REASON: the first 300) and MORE_PROBLEMS (N: the others):
    nothing can be imported then (422); CONFIRM (TOKEN): the confirm form;
    NOTHING: the files change nothing; STALE (409): the records changed
    between the preview and its confirmation, this is the new preview.
    ENCODING rows for the upload form. }}
<div class="fr-grid-row">
<div class="fr-col-12">
<h1>Aperçu de l'import</h1>
{{#STALE}}
<div id="erreurs" class="fr-alert fr-alert--warning fr-mb-4w" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Rien n'a été importé</h2>
<p>Les fiches de l'établissement ont changé depuis l'aperçu : voici l'aperçu à jour, confirmez de nouveau.</p>
</div>
{{/STALE}}
{{#PROBLEMS}}
<div id="erreurs" class="fr-alert fr-alert--error fr-mb-4w" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Les fichiers contiennent {{PROBLEM_COUNT}} problème(s) : rien ne sera importé</h2>
<p>Rien ne peut être importé tant que ces problèmes ne sont pas corrigés : corrigez les lignes ci-dessous dans le logiciel d'origine ou dans le fichier, puis envoyez de nouveau les deux fichiers. L'aperçu des changements s'affichera alors.</p>
</div>
<div class="fr-table">
<table tabindex="0">
<caption>Problèmes à corriger</caption>
<thead><tr><th scope="col">Fichier</th><th scope="col">Ligne</th><th scope="col">Colonne</th><th scope="col">Problème</th></tr></thead>
<tbody>
{{#PROBLEM}}<tr><td>{{FILE}}</td><td>{{LINE}}</td><td>{{FIELD}}</td><td>{{REASON}}</td></tr>
{{/PROBLEM}}
</tbody>
</table>
</div>
{{#MORE_PROBLEMS}}<p>… et {{N}} autres problèmes.</p>{{/MORE_PROBLEMS}}
{{/PROBLEMS}}
{{#PREVIEW}}
<div class="fr-table">
<table tabindex="0">
<caption>Ce que l'import changerait</caption>
<thead><tr><th scope="col">Changement</th><th scope="col">Nombre</th></tr></thead>
<tbody>
{{#COUNT}}<tr><td>{{LABEL}}</td><td>{{N}}</td></tr>
{{/COUNT}}
</tbody>
</table>
</div>
{{#NOTHING}}<div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w" role="status"><p>Ces fichiers ne changent rien : les élèves et les responsables de l'établissement sont déjà à jour.</p></div>{{/NOTHING}}
{{#CONFIRM}}
<form method="post" action="/etablissement/import/confirmer">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="jeton" value="{{TOKEN}}">
<p>Rien n'est enregistré avant la confirmation ; les fichiers sont conservés une heure. Les élèves sortis ne sont pas supprimés : leurs familles n'y ont plus accès.</p>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button type="submit" class="fr-btn">Confirmer l'import</button></li>
<li><a class="fr-btn fr-btn--secondary" href="/etablissement/import">Annuler</a></li>
</ul>
</form>
{{/CONFIRM}}
{{#CHANGES}}
<div class="fr-table">
<table tabindex="0">
<caption>Détail des changements</caption>
<thead><tr><th scope="col">Changement</th><th scope="col">Qui</th><th scope="col">Détail</th></tr></thead>
<tbody>
{{#CHANGE}}<tr><td>{{WHAT}}</td><td>{{WHO}}</td><td>{{DETAIL}}</td></tr>
{{/CHANGE}}
</tbody>
</table>
</div>
{{#MORE_CHANGES}}<p>… et {{N}} autres changements.</p>{{/MORE_CHANGES}}
{{/CHANGES}}
{{/PREVIEW}}
<p><a class="fr-link" href="/etablissement/import">Envoyer d'autres fichiers</a></p>
</div>
</div>
