{{%AUTOESCAPE context="HTML"}}
{{! Courriers de notification (GET /etablissement/courriers): per class
    (CLASS rows: CLASS_NAME, EXPECTED, NOT_GENERATED, NOT_USED, IN_USE,
    OTHER: closed, locked or reported; the four add up to EXPECTED) or
    NO_CLASSES; the form "Générer" (classe: CLASS_OPTION with ID, NAME, or
    "tout" for the whole school; destinataires tous|eleves|responsables) and the
    form "Relancer" (classe, nouveau_mot_de_passe). Both answer a PDF, or a
    result page when no letter is needed. }}
<h1>Courriers de notification</h1>
<p>Chaque courrier porte l'identifiant et un mot de passe provisoire : il est imprimé une fois, le mot de passe n'est conservé nulle part. Générer de nouveau un courrier donne un nouveau mot de passe et l'ancien courrier ne sert plus.</p>
{{#NO_CLASSES}}<p>Aucun élève pour l'instant : importez d'abord les élèves et leurs responsables.</p>{{/NO_CLASSES}}
{{#HAS_CLASSES}}
<div class="fr-table">
<table tabindex="0">
<caption>Comptes attendus et courriers, par classe</caption>
<thead><tr><th scope="col">Classe</th><th scope="col">Comptes attendus</th><th scope="col">Courrier non généré</th><th scope="col">Courrier non utilisé</th><th scope="col">Compte en service</th><th scope="col">Fermé, verrouillé ou signalé</th></tr></thead>
<tbody>
{{#CLASS}}<tr><th scope="row">{{CLASS_NAME}}</th><td>{{EXPECTED}}</td><td>{{NOT_GENERATED}}</td><td>{{NOT_USED}}</td><td>{{IN_USE}}</td><td>{{OTHER}}</td></tr>
{{/CLASS}}
</tbody>
</table>
</div>

<h2>Générer les courriers</h2>
<form method="post" action="/etablissement/courriers/generer" class="fr-mb-6w">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="fr-hint-text">Un compte est créé pour chaque élève et pour chaque responsable légal de chaque enfant ; un responsable dont le compte est déjà actif se voit rattacher l'enfant, sans courrier. Les courriers non utilisés reçoivent un nouveau mot de passe. Le résultat est un fichier PDF, une page par courrier.</p>
<div class="fr-select-group">
<label class="fr-label" for="generer-classe">Classe</label>
<select class="fr-select" id="generer-classe" name="classe">
<option value="tout">Tout l'établissement</option>
{{#CLASS_OPTION}}<option value="{{ID}}">{{NAME}}</option>
{{/CLASS_OPTION}}
</select>
</div>
<fieldset class="fr-fieldset" id="generer-destinataires" aria-labelledby="generer-destinataires-legende">
<legend class="fr-fieldset__legend" id="generer-destinataires-legende">Courriers à générer</legend>
<div class="fr-fieldset__element"><div class="fr-radio-group">
<input type="radio" id="destinataires-tous" name="destinataires" value="tous" checked>
<label class="fr-label" for="destinataires-tous">Élèves et responsables</label>
</div></div>
<div class="fr-fieldset__element"><div class="fr-radio-group">
<input type="radio" id="destinataires-eleves" name="destinataires" value="eleves">
<label class="fr-label" for="destinataires-eleves">Élèves seulement</label>
</div></div>
<div class="fr-fieldset__element"><div class="fr-radio-group">
<input type="radio" id="destinataires-responsables" name="destinataires" value="responsables">
<label class="fr-label" for="destinataires-responsables">Responsables seulement</label>
</div></div>
</fieldset>
<button type="submit" class="fr-btn">Générer</button>
</form>

<h2>Relancer une classe</h2>
<form method="post" action="/etablissement/courriers/relancer" class="fr-mb-6w">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="fr-hint-text">Les familles dont l'adresse mail est connue et dont le compte n'est pas encore actif reçoivent un nouveau mail d'invitation ; pour les autres, un nouveau courrier (PDF) est produit.</p>
<div class="fr-select-group">
<label class="fr-label" for="relancer-classe">Classe</label>
<select class="fr-select" id="relancer-classe" name="classe">
{{#CLASS_OPTION}}<option value="{{ID}}">{{NAME}}</option>
{{/CLASS_OPTION}}
</select>
</div>
<div class="fr-checkbox-group fr-mb-3w">
<input type="checkbox" id="nouveau-mot-de-passe" name="nouveau_mot_de_passe" value="1">
<label class="fr-label" for="nouveau-mot-de-passe">Nouveau mot de passe pour tous les comptes non activés (nouveaux courriers pour tous)</label>
</div>
<button type="submit" class="fr-btn fr-btn--secondary">Relancer</button>
</form>
{{/HAS_CLASSES}}
