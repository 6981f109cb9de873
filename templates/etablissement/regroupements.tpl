{{%AUTOESCAPE context="HTML"}}
{{! issue 13 — aide. The school's regroupements, newest first (GET
    /etablissement/regroupements): RECORDS (RECORD: RECORD_ID, MERGED_AT,
    KEPT, CLOSED, CLOSED_STATE (before the merge), CHILDREN, then UNDONE
    (UNDONE_AT, UNDONE_BY) or CAN_UNDO: the form of POST
    /etablissement/regroupements/annuler) or NO_RECORDS; NOTICE (TEXT) after
    an undo. }}
<div class="fr-grid-row">
<div class="fr-col-12">
<h1>Regroupements de comptes</h1>
<p>Quand une famille a regroupé deux comptes par erreur, annulez le regroupement : le compte fermé et ses enfants reviennent comme avant, le compte conservé perd les enfants reçus. La famille doit ensuite se reconnecter.</p>
{{#NOTICE}}<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status"><p>{{TEXT}}</p></div>{{/NOTICE}}
{{#NO_RECORDS}}<p>Aucun regroupement n'a été fait par les familles de l'établissement.</p>{{/NO_RECORDS}}
{{#RECORDS}}
<div class="fr-table">
<table tabindex="0">
<caption>Les regroupements, du plus récent au plus ancien (heure de Paris)</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Compte conservé</th><th scope="col">Compte fermé</th><th scope="col">État avant</th><th scope="col">Enfants du compte fermé</th><th scope="col">Annulation</th></tr></thead>
<tbody>
{{#RECORD}}<tr id="regroupement-{{RECORD_ID}}"><td>{{MERGED_AT}}</td><td>{{KEPT}}</td><td>{{CLOSED}}</td><td>{{CLOSED_STATE}}</td><td>{{CHILDREN}}</td><td>{{#UNDONE}}Annulé le {{UNDONE_AT}} par {{UNDONE_BY}}{{/UNDONE}}{{#CAN_UNDO}}
<form method="post" action="/etablissement/regroupements/annuler">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="regroupement" value="{{RECORD_ID}}">
<button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">Annuler ce regroupement</button>
</form>{{/CAN_UNDO}}</td></tr>
{{/RECORD}}
</tbody>
</table>
</div>
{{/RECORDS}}
</div>
</div>
