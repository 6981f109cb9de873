{{%AUTOESCAPE context="HTML"}}
{{! The import's upload form (POST /etablissement/import, multipart): the
    pupils' and the responsables' CSV files, the encoding (ENCODING rows:
    VALUE, LABEL, SELECTED). Errors (422): HAS_ERRORS with ERRORS (FIELD,
    MESSAGE); per field ELEVES_/RESP_/ENC_HAS_ERROR and _ERROR. Also
    included by the preview page (apercu.tpl) to send corrected files. }}
<div class="fr-grid-row">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1>Import des élèves et des responsables</h1>
{{#HAS_ERRORS}}
<div id="erreurs" class="fr-alert fr-alert--error ts-erreurs fr-mb-4w" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le formulaire contient des erreurs</h2>
<ul>
{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERRORS}}
</ul>
</div>
{{/HAS_ERRORS}}
<p>Envoyez les deux exports CSV de la base élèves : un aperçu des changements s'affiche d'abord, rien n'est enregistré avant votre confirmation. Les colonnes attendues sont listées sous chaque fichier ci-dessous (en gras, les obligatoires ; l'ordre est libre, les majuscules et les accents aussi, et les autres colonnes sont ignorées). Les deux fichiers font 8 Mio au plus.</p>
<form method="post" action="/etablissement/import" enctype="multipart/form-data" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="fr-hint-text">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
<div class="fr-upload-group{{#ELEVES_HAS_ERROR}} fr-input-group--error{{/ELEVES_HAS_ERROR}}">
<label class="fr-label" for="eleves">Fichier des élèves *
<span class="fr-hint-text">CSV, une ligne par élève : <strong>ELEVE_ID</strong>, INE, <strong>NOM</strong>, <strong>PRENOM</strong>, <strong>DATE_NAISS</strong> (JJ/MM/AAAA), <strong>DIVISION</strong>, DATE_ENTREE, DATE_SORTIE</span></label>
<input class="fr-upload" type="file" id="eleves" name="eleves" accept=".csv,text/csv" required{{#ELEVES_HAS_ERROR}} aria-invalid="true" aria-describedby="eleves-error"{{/ELEVES_HAS_ERROR}}>
{{#ELEVES_HAS_ERROR}}<p id="eleves-error" class="fr-error-text">{{ELEVES_ERROR}}</p>{{/ELEVES_HAS_ERROR}}
</div>
<div class="fr-upload-group fr-mt-3w{{#RESP_HAS_ERROR}} fr-input-group--error{{/RESP_HAS_ERROR}}">
<label class="fr-label" for="responsables">Fichier des responsables *
<span class="fr-hint-text">CSV, une ligne par responsable et par élève : <strong>PERSONNE_ID</strong>, <strong>ELEVE_ID</strong>, CIVILITE, <strong>NOM</strong>, <strong>PRENOM</strong>, LIEN, <strong>RESP_LEGAL</strong> (1 ou 2), ADRESSE, CODE_POSTAL, COMMUNE, TEL_PERSONNEL, TEL_PORTABLE, TEL_PROFESSIONNEL, MEL, ACCEPTE_SMS (OUI ou NON)</span></label>
<input class="fr-upload" type="file" id="responsables" name="responsables" accept=".csv,text/csv" required{{#RESP_HAS_ERROR}} aria-invalid="true" aria-describedby="responsables-error"{{/RESP_HAS_ERROR}}>
{{#RESP_HAS_ERROR}}<p id="responsables-error" class="fr-error-text">{{RESP_ERROR}}</p>{{/RESP_HAS_ERROR}}
</div>
<div class="fr-select-group fr-mt-3w{{#ENC_HAS_ERROR}} fr-select-group--error{{/ENC_HAS_ERROR}}">
<label class="fr-label" for="encodage">Encodage des fichiers
<span class="fr-hint-text">Les logiciels de vie scolaire exportent souvent en Windows-1252 : la détection automatique le reconnaît.</span></label>
<select class="fr-select" id="encodage" name="encodage"{{#ENC_HAS_ERROR}} aria-invalid="true" aria-describedby="encodage-error"{{/ENC_HAS_ERROR}}>
{{#ENCODING}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/ENCODING}}
</select>
{{#ENC_HAS_ERROR}}<p id="encodage-error" class="fr-error-text">{{ENC_ERROR}}</p>{{/ENC_HAS_ERROR}}
</div>
<ul class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
<li><button type="submit" class="fr-btn">Voir l'aperçu</button></li>
</ul>
</form>
</div>
</div>
