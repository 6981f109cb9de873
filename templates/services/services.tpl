{{%AUTOESCAPE context="HTML"}}
<h1>Bienvenue, {{NAME}}</h1>
<p>Scolarité services vous propose différents services en ligne concernant la scolarité{{#RESPONSABLE}} de vos enfants{{/RESPONSABLE}}. Votre identifiant : <strong>{{IDENTIFIER}}</strong>.</p>
{{#NO_EMAIL}}
<div class="fr-alert fr-alert--info fr-mb-3w"><h2 class="fr-alert__title">Aucune adresse mail</h2><p>Vous n'avez pas indiqué d'adresse mail : en cas d'oubli de votre identifiant ou de votre mot de passe, vous devrez vous adresser à votre établissement.</p></div>
{{/NO_EMAIL}}
{{#EMAIL_PENDING}}
<div class="fr-alert fr-alert--warning fr-mb-3w"><h2 class="fr-alert__title">Adresse mail non confirmée</h2><p>Votre adresse {{PENDING_EMAIL}} n'est pas encore confirmée : tant qu'elle ne l'est pas, vous ne pourrez pas retrouver seul votre identifiant ou votre mot de passe. <a href="/compte-en-attente">Renvoyer le mail d'activation</a></p></div>
{{/EMAIL_PENDING}}
<h2>{{#RESPONSABLE}}Enfants rattachés au compte{{/RESPONSABLE}}{{#ELEVE}}Votre scolarité{{/ELEVE}}</h2>
{{#NO_CHILD}}<p>Aucun élève n'est rattaché à ce compte : un élève qui a quitté l'établissement n'y figure plus. Si votre enfant est toujours scolarisé, adressez-vous à son établissement.</p>{{/NO_CHILD}}
<ul class="fr-grid-row fr-grid-row--gutters ts-children" role="list">
{{#CHILD}}
<li class="fr-col-12 fr-col-md-6">
<div class="fr-card fr-card--no-arrow"><div class="fr-card__body"><div class="fr-card__content">
<h3 class="fr-card__title">{{FIRST_NAME}} {{LAST_NAME}}</h3>
<p class="fr-card__desc">Élève de {{CLASS}}, {{ESTABLISHMENT}}</p>
{{#HAS_RESPONSABLE}}<div class="fr-card__end"><p class="fr-card__detail">Responsable : {{RESPONSABLE}}</p></div>{{/HAS_RESPONSABLE}}
</div></div></div>
</li>
{{/CHILD}}
</ul>
<p class="fr-mt-3w">Les services (vie scolaire, notes, livret personnel de compétences, cahier de textes) sont accessibles depuis le menu.</p>
