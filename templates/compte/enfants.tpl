{{%AUTOESCAPE context="HTML"}}
{{! Mon compte, Enfants: the children a responsable account sees, each with
    the responsable it is linked through; a pupil's own record. "Regrouper
    des comptes" (responsables only) is announced, not built yet. }}
<h1 class="ts-maj">Compte de {{NAME}}</h1>
<div class="fr-grid-row fr-grid-row--gutters">
<div class="fr-col-12 fr-col-md-4">
{{>MENU}}
</div>
<div class="fr-col-12 fr-col-md-8">
<h2>{{#RESPONSABLE}}Enfants rattachés au compte{{/RESPONSABLE}}{{#ELEVE}}Votre scolarité{{/ELEVE}}</h2>
{{#ELEVE}}<p>Un compte élève n'a pas de liste d'enfants : il donne accès à votre propre scolarité.</p>{{/ELEVE}}
{{#NO_CHILD}}<p>Aucun élève n'est rattaché à ce compte : un élève qui a quitté l'établissement n'y figure plus. Si votre enfant est toujours scolarisé, adressez-vous à son établissement.</p>{{/NO_CHILD}}
<ul class="fr-grid-row fr-grid-row--gutters ts-children" role="list">
{{#CHILD}}
<li class="fr-col-12 fr-col-lg-6">
<div class="fr-card fr-card--no-arrow"><div class="fr-card__body"><div class="fr-card__content">
<h3 class="fr-card__title">{{FIRST_NAME}} {{LAST_NAME}}</h3>
<p class="fr-card__desc">Élève de {{CLASS}}, {{ESTABLISHMENT}}</p>
{{#HAS_RESPONSABLE}}<div class="fr-card__end"><p class="fr-card__detail">Responsable : {{RESPONSABLE}}</p></div>{{/HAS_RESPONSABLE}}
</div></div></div>
</li>
{{/CHILD}}
</ul>
{{#RESPONSABLE}}
<h2 class="fr-mt-5w">Regrouper des comptes</h2>
<p>Si vous avez reçu un courrier de notification pour chacun de vos enfants, regroupez vos comptes : un seul identifiant et un seul mot de passe donneront alors accès à tous vos enfants.</p>
<p><a class="fr-btn" href="/compte/regroupement">Regrouper des comptes</a></p>
{{/RESPONSABLE}}
</div>
</div>
