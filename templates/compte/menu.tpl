{{%AUTOESCAPE context="HTML"}}
{{! The local menu of "Mon compte" (the guide's PROFIL, ENFANTS, ← RETOUR,
    ↩ SE DÉCONNECTER), included by compte/profil.tpl, compte/enfants.tpl and
    compte/fiche.tpl; the handler shows PROFIL, ENFANTS or FICHE for the
    current entry, and RESPONSABLE for a responsable account, the only one
    with a fiche (handlers/compte/main.cpp account_frame). Logging out is
    a POST form, as in the header. No collapse button: it would need JS. }}
<nav class="fr-sidemenu" role="navigation" aria-label="Mon compte">
<div class="fr-sidemenu__inner">
<ul class="fr-sidemenu__list ts-maj">
<li class="fr-sidemenu__item"><a class="fr-sidemenu__link" href="/compte"{{#PROFIL}} aria-current="page"{{/PROFIL}}>Profil</a></li>
<li class="fr-sidemenu__item"><a class="fr-sidemenu__link" href="/compte/enfants"{{#ENFANTS}} aria-current="page"{{/ENFANTS}}>Enfants</a></li>
{{#RESPONSABLE}}<li class="fr-sidemenu__item"><a class="fr-sidemenu__link" href="/compte/fiche"{{#FICHE}} aria-current="page"{{/FICHE}}>Fiche de renseignements</a></li>{{/RESPONSABLE}}
<li class="fr-sidemenu__item"><a class="fr-sidemenu__link" href="/services"><span aria-hidden="true">←&nbsp;</span>Retour<span class="fr-sr-only"> à l'accueil des services</span></a></li>
<li class="fr-sidemenu__item">
<form class="ts-deconnexion" method="post" action="/deconnexion">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<button type="submit" class="fr-sidemenu__link"><span aria-hidden="true">↩&nbsp;</span>Se déconnecter</button>
</form>
</li>
</ul>
</div>
</nav>
