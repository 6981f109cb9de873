{{%AUTOESCAPE context="HTML"}}
{{! GET /mentions-legales: publisher, personal data, cookies, accessibility. }}
<div class="fr-grid-row">
  <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
    <h1>Mentions légales</h1>

    <h2>Éditeur</h2>
    <p>Scolarité services est édité par le rectorat de l'{{ACADEMIE}}, services académiques de l'Éducation nationale.</p>
    <p>Directeur de la publication : le recteur de l'académie.</p>

    <h2>Hébergement</h2>
    <p>Le service est hébergé par la direction des systèmes d'information du rectorat, sur des serveurs situés en France.</p>

    <h2>Données personnelles</h2>
    <p>Le service traite les données nécessaires à la gestion des comptes d'accès des élèves et de leurs responsables légaux : identifiant, nom et prénom, adresse mail, liens avec les élèves et date de naissance de l'élève (pour vérifier le rattachement), dates de connexion. Ces données proviennent de la base élèves de l'établissement ou sont saisies par vous lors de la première connexion.</p>
    <p>Elles sont utilisées uniquement pour vous donner accès aux services en ligne de l'établissement et vous envoyer les messages liés à votre compte (activation, identifiant ou mot de passe oublié). Elles ne sont ni vendues ni cédées.</p>
    <p>Un compte qui n'est pas activé dans les 3 mois est supprimé. Les autres comptes sont conservés pendant la scolarité de l'élève dans l'académie.</p>
    <p>Conformément au règlement général sur la protection des données (RGPD), vous disposez d'un droit d'accès, de rectification et de limitation du traitement de vos données. Pour l'exercer, adressez-vous à l'établissement de votre enfant ou au délégué à la protection des données du rectorat. Vous pouvez aussi adresser une réclamation à la CNIL.</p>

    <h2>Cookies</h2>
    <p>Le site dépose uniquement les cookies nécessaires à son fonctionnement : un cookie de session, supprimé à la déconnexion, et un cookie de protection des formulaires contre les envois frauduleux. Aucun cookie de mesure d'audience ni de publicité n'est utilisé ; aucun consentement n'est donc demandé.</p>

    <h2 id="accessibilite">Accessibilité</h2>
    <p>L'{{ACADEMIE}} s'engage à rendre ce service accessible conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>
    <p><strong>État de conformité :</strong> Scolarité services est <strong>non conforme</strong> au référentiel général d'amélioration de l'accessibilité (RGAA), faute d'audit réalisé à ce jour. Le service est conçu avec le système de design de l'État et reste utilisable sans JavaScript.</p>
    <p>Si vous ne parvenez pas à accéder à un contenu ou à un service, signalez-le à l'établissement qui vous a remis le courrier de notification : il vous orientera vers une alternative accessible. Si vous n'obtenez pas de réponse, vous pouvez saisir le Défenseur des droits.</p>
  </div>
</div>
