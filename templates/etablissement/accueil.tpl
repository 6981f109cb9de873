{{%AUTOESCAPE context="HTML"}}
{{! /etablissement: the staff member's home. SCHOOL (SCHOOL_NAME, UAI) or
    ACADEMIE_SCOPE; ROLES; one ENTRY (HREF, TITLE, WHAT) per page the roles
    allow; an enseignant's TEACHING rows (CLASS: CLASS_NAME, SUBJECT). }}
<div class="fr-grid-row">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1>Espace établissement</h1>
<p>Bonjour {{NAME}}.</p>
{{#SCHOOL}}<p>Établissement : <strong>{{SCHOOL_NAME}}</strong> (UAI {{UAI}})</p>{{/SCHOOL}}
{{#ACADEMIE_SCOPE}}<p>Périmètre : <strong>Académie</strong> — tous les établissements ({{ACADEMIE}}).</p>{{/ACADEMIE_SCOPE}}
<p>Vos rôles : <strong>{{ROLES}}</strong></p>

<h2>Vos services</h2>
<ul>
{{#ENTRY}}
<li><a href="{{HREF}}">{{TITLE}}</a> : {{WHAT}}</li>
{{/ENTRY}}
<li><a href="/etablissement/compte">Mon compte</a> : votre mot de passe et vos codes de secours.</li>
</ul>
{{#TEACHING}}
<div class="fr-table">
<table tabindex="0">
<caption>Vos classes et disciplines</caption>
<thead><tr><th scope="col">Classe</th><th scope="col">Discipline</th></tr></thead>
<tbody>
{{#CLASS}}<tr><td>{{CLASS_NAME}}</td><td>{{SUBJECT}}</td></tr>
{{/CLASS}}
</tbody>
</table>
</div>
{{/TEACHING}}
{{#NO_TEACHING}}<h2>Vos classes</h2>
<p>Aucune classe ne vous est encore attribuée : adressez-vous à la direction de l'établissement.</p>{{/NO_TEACHING}}
</div>
</div>
