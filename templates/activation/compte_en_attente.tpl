{{%AUTOESCAPE context="HTML"}}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1>Compte en attente de validation</h1>
{{#NOTICE_OK}}<div class="fr-alert fr-alert--success fr-mb-3w" role="status"><p>{{NOTICE}}</p></div>{{/NOTICE_OK}}
{{#NOTICE_ERROR}}<div class="fr-alert fr-alert--warning fr-mb-3w" role="alert"><p>{{NOTICE}}</p></div>{{/NOTICE_ERROR}}
<p class="fr-text--lead">Pour utiliser votre compte, ouvrez maintenant le mail que vous venez de recevoir et suivez les instructions.</p>
<p>Le message a été envoyé à l'adresse <strong>{{EMAIL}}</strong> par « Administrateur des services en ligne », avec pour sujet « Message des services en ligne - Activation de votre compte ».</p>
<div class="fr-callout">
<h2 class="fr-callout__title">Vous ne trouvez pas le message ?</h2>
<p class="fr-callout__text">Il est possible que le mail soit signalé comme indésirable, voire comme spam : vérifiez vos dossiers « courriers indésirables » et la corbeille de votre messagerie. Si vous ne recevez pas ce mail, signalez le problème à l'établissement qui vous a remis la notification de compte Téléservices.</p>
</div>
<form method="post" action="/compte-en-attente" class="fr-mt-3w">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<button class="fr-btn fr-btn--secondary" type="submit">Renvoyer le mail d'activation</button>
</form>
{{#ELEVE}}
<div class="fr-notice fr-notice--info fr-mt-4w"><div class="fr-container"><div class="fr-notice__body"><p class="fr-notice__title">Vous pouvez dès maintenant accéder à vos services. Tant que votre adresse n'est pas confirmée, vous ne pourrez pas retrouver seul votre identifiant ou votre mot de passe.</p></div></div></div>
<p class="fr-mt-3w"><a class="fr-btn" href="/services">Accéder aux services</a></p>
{{/ELEVE}}
<p class="fr-mt-3w">Vous disposez d'un délai de 3 mois pour activer votre compte. Au-delà, le compte sera supprimé et vous devrez reprendre contact avec l'établissement pour en créer un nouveau.</p>
</div>
</div>
