{{%AUTOESCAPE context="HTML"}}
{{! GET /aide: the families' guide in short, in the order they meet it. }}
<div class="fr-grid-row">
  <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
    <h1>Aide aux parents et aux élèves</h1>
    <p class="fr-text--lead">Votre compte Scolarité services vous donne accès aux services en ligne de l'établissement scolaire : vie scolaire, notes, livret de compétences, cahier de textes.</p>

    <nav class="fr-summary fr-mb-6w" role="navigation" aria-labelledby="sommaire-titre">
      <h2 class="fr-summary__title" id="sommaire-titre">Sommaire</h2>
      <ol>
        <li><a class="fr-summary__link" href="#courrier">Le courrier de notification</a></li>
        <li><a class="fr-summary__link" href="#premiere-connexion">La première connexion</a></li>
        <li><a class="fr-summary__link" href="#mail-activation">Le mail d'activation</a></li>
        <li><a class="fr-summary__link" href="#delai">Le délai de 3 mois</a></li>
        <li><a class="fr-summary__link" href="#oubli">Identifiant ou mot de passe oublié</a></li>
        <li><a class="fr-summary__link" href="#regroupement">Regrouper les comptes de vos enfants</a></li>
      </ol>
    </nav>

    <h2 id="courrier">Le courrier de notification</h2>
    <p>L'établissement remet à chaque responsable légal un courrier de notification par enfant scolarisé au collège ou au lycée ; chaque élève reçoit aussi le sien. Ce courrier indique :</p>
    <ul>
      <li>votre <strong>identifiant</strong> ;</li>
      <li>un <strong>mot de passe provisoire</strong> de 8 caractères (lettres majuscules et chiffres), à modifier lors de la première connexion ;</li>
      <li>sa date de création, en haut à droite.</li>
    </ul>
    <p>L'identifiant reste provisoire tant que le compte n'a pas été créé et confirmé : jusque-là, vous ne pouvez pas consulter les informations de vos enfants.</p>

    <h2 id="premiere-connexion">La première connexion</h2>
    <ol>
      <li>Sur la <a href="/">page d'accueil</a>, choisissez « Élève ou parent d'élève ».</li>
      <li>Saisissez l'identifiant et le mot de passe du courrier, puis validez.</li>
      <li>Choisissez votre nouveau mot de passe : 8 à 14 caractères alphanumériques (chiffres et lettres obligatoires).</li>
      <li>Indiquez votre adresse mail, deux fois. Elle est <strong>obligatoire pour les responsables</strong> ; elle est facultative pour les élèves, mais indispensable pour retrouver seul un identifiant ou un mot de passe oublié.</li>
      <li>Si vous êtes responsable, indiquez la date de naissance de votre enfant.</li>
    </ol>

    <h2 id="mail-activation">Le mail d'activation</h2>
    <p>Un mail vous est alors envoyé par « Administrateur des services en ligne », avec le sujet « Message des services en ligne - Activation de votre compte ». Ouvrez-le et cliquez sur le lien qu'il contient : votre compte est validé et vous pouvez accéder à vos services en ligne.</p>
    <div class="fr-callout fr-mb-4w">
      <h3 class="fr-callout__title">Vous ne trouvez pas le mail ?</h3>
      <p class="fr-callout__text">Il a peut-être été classé comme indésirable : regardez dans le dossier « courriers indésirables » (spam) et dans la corbeille de votre messagerie. Vous pouvez aussi demander un nouvel envoi depuis la page « Compte en attente de validation ». Si vous ne le recevez toujours pas, signalez-le à l'établissement qui vous a remis le courrier de notification.</p>
    </div>
    <p>Pour un responsable, la confirmation de l'adresse est indispensable avant d'accéder aux informations de ses enfants. Un élève peut utiliser ses services sans l'avoir confirmée, mais ne pourra pas retrouver seul un identifiant ou un mot de passe oublié.</p>

    <h2 id="delai">Le délai de 3 mois</h2>
    <p>Le courrier de notification n'est valable que 3 mois après sa date de création : faites votre première connexion avant. Après la première connexion, vous disposez de 3 mois pour confirmer votre adresse mail. Au-delà, le compte est supprimé et vous devez demander un nouveau courrier à l'établissement.</p>

    <h2 id="oubli">Identifiant ou mot de passe oublié</h2>
    <p>Sur la <a href="/connexion">page de connexion</a>, utilisez les liens « identifiant oublié ? » et « mot de passe oublié ? ». Un mail est envoyé à l'adresse confirmée de votre compte. Sans adresse confirmée, adressez-vous à l'établissement.</p>

    <h2 id="regroupement">Regrouper les comptes de vos enfants</h2>
    <p>Si vous avez plusieurs enfants, vous recevez un courrier par enfant. Une fois votre premier compte créé et activé, vous pouvez regrouper les autres sur ce compte pour accéder à tous vos enfants avec un seul identifiant :</p>
    <ol>
      <li>dans « Mon compte », ouvrez « Enfants » puis « Regrouper des comptes » ;</li>
      <li>saisissez l'identifiant et le mot de passe d'un autre courrier de notification, ou ceux d'un autre compte de responsable déjà activé ;</li>
      <li>vérifiez la liste des élèves et validez. L'autre compte est fermé : seul le compte avec lequel vous êtes connecté reste disponible.</li>
    </ol>
    <p>Les deux responsables légaux peuvent aussi regrouper leurs comptes en un compte joint, qui permet de mettre à jour la fiche de renseignements des deux responsables.</p>

    <p class="fr-mt-6w">Une autre question ? <a href="/contact">Contactez l'établissement</a>.</p>
  </div>
</div>
