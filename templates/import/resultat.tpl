{{%AUTOESCAPE context="HTML"}}
{{! The import's result (POST /etablissement/import/confirmer): COUNT rows
    (LABEL, N), CLOSED (accounts closed: pupils who left, letters left
    without a child), DEPARTED (accounts that went with pupils who left for
    another school of the académie, which had them already), ARRIVED
    (accounts of pupils come from another school of the académie: pupils'
    own, children attached to families'), BATCH (the import_batch id). }}
<div class="fr-grid-row">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1>Import terminé</h1>
<div class="fr-alert fr-alert--success fr-mb-4w" role="status"><p>L'import n° {{BATCH}} est enregistré.</p></div>
<div class="fr-table">
<table tabindex="0">
<caption>Ce que l'import a changé</caption>
<thead><tr><th scope="col">Changement</th><th scope="col">Nombre</th></tr></thead>
<tbody>
{{#COUNT}}<tr><td>{{LABEL}}</td><td>{{N}}</td></tr>
{{/COUNT}}
<tr><td>Comptes fermés (élèves sortis, courriers sans enfant)</td><td>{{CLOSED}}</td></tr>
<tr><td>Comptes partis avec des élèves sortis vers un autre établissement de l'académie</td><td>{{DEPARTED}}</td></tr>
<tr><td>Comptes repris d'un autre établissement de l'académie</td><td>{{ARRIVED}}</td></tr>
</tbody>
</table>
</div>
<p><a class="fr-link" href="/etablissement/suivi">Voir le suivi des comptes</a></p>
<p><a class="fr-link" href="/etablissement">Retour à l'espace établissement</a></p>
</div>
</div>
