{{%AUTOESCAPE context="HTML"}}
{{! GET /contact: who to ask. Families are helped by their school, which holds
    their record and prints the notification letters. }}
<div class="fr-grid-row">
  <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
    <h1>Contact</h1>
    <p class="fr-text--lead">Pour toute question sur votre compte Scolarité services, adressez-vous à l'établissement qui vous a remis le courrier de notification.</p>
    <p>Le secrétariat ou la vie scolaire de l'établissement peut notamment :</p>
    <ul>
      <li>vous remettre un nouveau courrier de notification si vous l'avez perdu ou s'il a plus de 3 mois ;</li>
      <li>corriger la date de naissance de votre enfant ou vos coordonnées si elles sont inexactes ;</li>
      <li>vous aider si vous ne recevez pas le mail d'activation de votre compte ;</li>
      <li>rattacher à votre compte un enfant qui n'y figure pas.</li>
    </ul>
    <p>Les coordonnées de la vie scolaire de votre établissement sont indiquées, une fois connecté, dans la rubrique « Vie scolaire ».</p>
    <div class="fr-callout fr-mb-4w">
      <h2 class="fr-callout__title">Ne communiquez jamais votre mot de passe</h2>
      <p class="fr-callout__text">Ni l'établissement ni l'administrateur des services en ligne ne vous demanderont votre mot de passe, par mail, par téléphone ou en personne.</p>
    </div>
    <h2>Personnels des établissements</h2>
    <p>Les personnels des établissements de l'{{ACADEMIE}} s'adressent à l'assistance informatique du rectorat, par le portail des personnels.</p>
    <p>Avant de nous contacter, consultez l'<a href="/aide">aide aux parents et aux élèves</a> : elle répond aux questions les plus fréquentes.</p>
  </div>
</div>
