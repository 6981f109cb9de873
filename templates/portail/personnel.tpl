{{%AUTOESCAPE context="HTML"}}
{{! GET /personnel: the staff profiles of the portal (enseignant, personnel
    non-enseignant, personnels de la Région, autres) are not served here yet. }}
<div class="fr-grid-row">
  <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
    <h1>Espace des personnels</h1>
    <div class="fr-alert fr-alert--info fr-mb-4w">
      <h2 class="fr-alert__title">La connexion des personnels n'est pas encore ouverte sur ce service</h2>
      <p>Les enseignants, les personnels non-enseignants, les personnels de la Région et les autres utilisateurs ne peuvent pas encore se connecter à Scolarité services. Utilisez le portail des personnels de l'{{ACADEMIE}} (votre identifiant et votre mot de passe de messagerie académique).</p>
    </div>
    <p>Vous êtes élève ou parent d'élève ? Munissez-vous du courrier de notification remis par l'établissement et <a href="/connexion">connectez-vous à Scolarité services</a>.</p>
    <ul class="fr-btns-group fr-btns-group--inline-md">
      <li><a class="fr-btn fr-btn--secondary" href="/">Retour à l'accueil</a></li>
    </ul>
  </div>
</div>
