{{%AUTOESCAPE context="HTML"}}
{{! Regrouper des comptes, step 2: both accounts' pupils; VALIDER / ANNULER post to /compte/regroupement/confirmer (the pending merge is kept on the server). }}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1 class="ts-maj">Regrouper des comptes - Confirmation</h1>
<h2 class="fr-h5">Elèves rattachés à votre compte : {{IDENTIFIER}}</h2>
<ul>{{#MINE}}<li>{{FIRST_NAME}} {{LAST_NAME}}</li>{{/MINE}}</ul>
{{#MINE_EMPTY}}<p>Aucun élève.</p>{{/MINE_EMPTY}}
<h2 class="fr-h5">Elèves rattachés au compte que vous souhaitez regrouper : {{OTHER}}</h2>
<ul>{{#THEIRS}}<li>{{FIRST_NAME}} {{LAST_NAME}}</li>{{/THEIRS}}</ul>
{{#THEIRS_EMPTY}}<p>Aucun élève.</p>{{/THEIRS_EMPTY}}
<div class="fr-alert fr-alert--warning fr-mb-3w">
<p>En validant cette opération, vous confirmez la fermeture du compte {{OTHER}} et le rattachement de l'ensemble des élèves ci-dessus au compte {{IDENTIFIER}}.</p>
</div>
<form method="post" action="/compte/regroupement/confirmer">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit" name="decision" value="valider">VALIDER</button></li>
<li><button class="fr-btn fr-btn--secondary" type="submit" name="decision" value="annuler">ANNULER</button></li>
</ul>
</form>
</div>
</div>
