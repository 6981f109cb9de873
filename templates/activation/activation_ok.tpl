{{%AUTOESCAPE context="HTML"}}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1>Confirmation de votre adresse mail</h1>
<div class="fr-alert fr-alert--success fr-mb-3w" role="status"><p>Votre compte a été validé. Vous pouvez maintenant accéder à vos services en ligne.</p></div>
<p><a class="fr-btn" href="/services">Accéder aux services</a></p>
</div>
</div>
