{{%AUTOESCAPE context="HTML"}}
{{! Regrouper des comptes, done. }}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1 class="ts-maj">Confirmation de regroupement de comptes</h1>
<div class="fr-alert fr-alert--success fr-mb-4w">
<p>L'opération de regroupement des comptes a été effectuée avec succès. Seul le compte avec lequel vous êtes connecté reste disponible.</p>
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><a class="fr-btn" href="/compte/enfants">Voir les enfants rattachés au compte</a></li>
</ul>
</div>
</div>
