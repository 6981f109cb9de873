{{%AUTOESCAPE context="HTML"}}
{{! The page frame: skip links, DSFR header (Marianne block, service title,
    account and logout when signed in, services menu), <main>, DSFR footer.
    The body template comes in through the BODY include. No inline script or
    style (CSP default-src 'self'); everything works without JavaScript, DSFR's
    JS only enhances (mobile menu, "Afficher le mot de passe"), so browsers
    without ES modules simply do without it (no nomodule fallback). }}
<!DOCTYPE html>
<html lang="fr" data-fr-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="format-detection" content="telephone=no,date=no,address=no,email=no,url=no">
<meta name="theme-color" content="#000091">
<title>{{TITLE}} — Scolarité services</title>
<link rel="stylesheet" href="/dsfr/dsfr.min.css">
<link rel="stylesheet" href="/dsfr/utility/icons/icons.min.css">
<link rel="stylesheet" href="/dsfr/dsfr.print.min.css" media="print">
<link rel="stylesheet" href="/css/app.css">
<link rel="apple-touch-icon" href="/dsfr/favicon/apple-touch-icon.png">
<link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml">
<link rel="icon" href="/dsfr/favicon/favicon.ico" sizes="any">
</head>
<body>
<div class="fr-skiplinks">
  <nav class="fr-container" role="navigation" aria-label="Accès rapide">
    <ul class="fr-skiplinks__list">
      <li><a class="fr-link" href="#contenu">Aller au contenu</a></li>
      <li><a class="fr-link" href="#pied-de-page">Aller au pied de page</a></li>
    </ul>
  </nav>
</div>
<header role="banner" class="fr-header">
  <div class="fr-header__body">
    <div class="fr-container">
      <div class="fr-header__body-row">
        <div class="fr-header__brand fr-enlarge-link">
          <div class="fr-header__brand-top">
            <div class="fr-header__logo">
              <p class="fr-logo">République<br>Française</p>
            </div>
{{#SIGNED_IN}}
            <div class="fr-header__navbar">
              <button type="button" class="fr-btn--menu fr-btn" id="bouton-menu" data-fr-opened="false" aria-controls="menu-principal" title="Menu">Menu</button>
            </div>
{{/SIGNED_IN}}
          </div>
          <div class="fr-header__service">
            <a href="/" title="Accueil - Scolarité services - {{ACADEMIE}}">
              <p class="fr-header__service-title">Scolarité services</p>
            </a>
            <p class="fr-header__service-tagline">{{ACADEMIE}}</p>
          </div>
        </div>
{{#SIGNED_IN}}
        <div class="fr-header__tools">
          <div class="fr-header__tools-links">
            <ul class="fr-btns-group">
              <li class="ts-compte fr-icon-account-circle-line"><span class="fr-sr-only">Connecté en tant que </span>{{ACCOUNT_NAME}}</li>
              <li>
                <form class="ts-deconnexion" method="post" action="/deconnexion">
                  <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
                  <button type="submit" class="fr-btn fr-icon-logout-box-r-line">Se déconnecter</button>
                </form>
              </li>
            </ul>
          </div>
        </div>
{{/SIGNED_IN}}
      </div>
    </div>
  </div>
{{#SIGNED_IN}}
  <div class="fr-header__menu fr-modal" id="menu-principal" aria-labelledby="bouton-menu">
    <div class="fr-container">
      <button type="button" class="fr-btn--close fr-btn" aria-controls="menu-principal" title="Fermer">Fermer</button>
      <div class="fr-header__menu-links"></div>
{{/SIGNED_IN}}
{{#SERVICES_MENU}}
      <nav class="fr-nav ts-nav" id="navigation" role="navigation" aria-label="Menu principal">
        <ul class="fr-nav__list">
          <li class="fr-nav__item"><a class="fr-nav__link" href="/compte"{{#NAV_COMPTE}} aria-current="page"{{/NAV_COMPTE}}>Mon compte</a></li>
          <li class="fr-nav__item"><a class="fr-nav__link" href="/services"{{#NAV_ACCUEIL}} aria-current="page"{{/NAV_ACCUEIL}}>Accueil</a></li>
          <li class="fr-nav__item"><a class="fr-nav__link" href="/services/vie-scolaire"{{#NAV_VIE_SCOLAIRE}} aria-current="page"{{/NAV_VIE_SCOLAIRE}}>Vie scolaire</a></li>
          <li class="fr-nav__item"><a class="fr-nav__link" href="/services/notes"{{#NAV_NOTES}} aria-current="page"{{/NAV_NOTES}}>Notes</a></li>
          <li class="fr-nav__item"><a class="fr-nav__link" href="/services/livret"{{#NAV_LIVRET}} aria-current="page"{{/NAV_LIVRET}}>Livret personnel de compétences</a></li>
          <li class="fr-nav__item"><a class="fr-nav__link" href="https://folios.onisep.fr/" rel="external">Folios<span class="fr-sr-only"> (site de l'Onisep)</span></a></li>
          <li class="fr-nav__item"><a class="fr-nav__link" href="/services/ressources"{{#NAV_RESSOURCES}} aria-current="page"{{/NAV_RESSOURCES}}>Services en ligne</a></li>
          <li class="fr-nav__item"><a class="fr-nav__link" href="{{ACADEMIE_URL}}" rel="external">{{ACADEMIE}}<span class="fr-sr-only"> (site de l'académie)</span></a></li>
{{#SCHOOL}}
          <li class="fr-nav__item">{{#SCHOOL_SITE}}<a class="fr-nav__link" href="{{SCHOOL_WEBSITE}}" rel="external">{{SCHOOL_NAME}}<span class="fr-sr-only"> (site de l'établissement)</span></a>{{/SCHOOL_SITE}}{{#SCHOOL_CONTACT}}<a class="fr-nav__link" href="/contact">{{SCHOOL_NAME}}<span class="fr-sr-only"> (contacter l'établissement)</span></a>{{/SCHOOL_CONTACT}}</li>
{{/SCHOOL}}
          <li class="fr-nav__item"><a class="fr-nav__link" href="/contact"{{#NAV_CONTACT}} aria-current="page"{{/NAV_CONTACT}}>Contact</a></li>
        </ul>
      </nav>
{{/SERVICES_MENU}}
{{#STAFF_MENU}}
      <nav class="fr-nav ts-nav" id="navigation" role="navigation" aria-label="Menu de l'établissement">
        <ul class="fr-nav__list">
          <li class="fr-nav__item"><a class="fr-nav__link" href="/etablissement"{{#NAV_ETABLISSEMENT}} aria-current="page"{{/NAV_ETABLISSEMENT}}>Accueil</a></li>
{{#STAFF_PERSONNELS}}
          <li class="fr-nav__item"><a class="fr-nav__link" href="/etablissement/personnels"{{#NAV_PERSONNELS}} aria-current="page"{{/NAV_PERSONNELS}}>Personnels</a></li>
{{/STAFF_PERSONNELS}}
{{#STAFF_SUIVI}}
          <li class="fr-nav__item"><a class="fr-nav__link" href="/etablissement/suivi"{{#NAV_SUIVI}} aria-current="page"{{/NAV_SUIVI}}>Suivi des comptes</a></li>
{{/STAFF_SUIVI}}
{{#STAFF_IMPORT}}
          <li class="fr-nav__item"><a class="fr-nav__link" href="/etablissement/import"{{#NAV_IMPORT}} aria-current="page"{{/NAV_IMPORT}}>Import</a></li>
{{/STAFF_IMPORT}}
{{#STAFF_COURRIERS}}
          <li class="fr-nav__item"><a class="fr-nav__link" href="/etablissement/courriers"{{#NAV_COURRIERS}} aria-current="page"{{/NAV_COURRIERS}}>Courriers</a></li>
{{/STAFF_COURRIERS}}
{{#STAFF_ASSISTANCE}}
          <li class="fr-nav__item"><a class="fr-nav__link" href="/etablissement/assistance"{{#NAV_ASSISTANCE}} aria-current="page"{{/NAV_ASSISTANCE}}>Assistance aux familles</a></li>
{{/STAFF_ASSISTANCE}}
{{#STAFF_JOURNAL}}
          <li class="fr-nav__item"><a class="fr-nav__link" href="/etablissement/journal"{{#NAV_JOURNAL}} aria-current="page"{{/NAV_JOURNAL}}>Journal</a></li>
{{/STAFF_JOURNAL}}
          <li class="fr-nav__item"><a class="fr-nav__link" href="/etablissement/compte"{{#NAV_STAFF_COMPTE}} aria-current="page"{{/NAV_STAFF_COMPTE}}>Mon compte</a></li>
        </ul>
      </nav>
{{/STAFF_MENU}}
{{#SIGNED_IN}}
    </div>
  </div>
{{/SIGNED_IN}}
</header>
<main id="contenu" role="main" tabindex="-1">
  <div class="fr-container fr-pt-4w fr-pb-8w">
{{>BODY}}
  </div>
</main>
<footer class="fr-footer" role="contentinfo" id="pied-de-page">
  <div class="fr-container">
    <div class="fr-footer__body">
      <div class="fr-footer__brand fr-enlarge-link">
        <a href="/" title="Retour à l'accueil - Scolarité services">
          <p class="fr-logo">République<br>Française</p>
        </a>
      </div>
      <div class="fr-footer__content">
        <p class="fr-footer__content-desc">Scolarité services : les services en ligne des collèges et des lycées pour les élèves et leurs responsables légaux — {{ACADEMIE}}.</p>
        <ul class="fr-footer__content-list">
          <li class="fr-footer__content-item"><a class="fr-footer__content-link" href="https://www.education.gouv.fr" rel="external">education.gouv.fr</a></li>
          <li class="fr-footer__content-item"><a class="fr-footer__content-link" href="https://www.info.gouv.fr" rel="external">info.gouv.fr</a></li>
          <li class="fr-footer__content-item"><a class="fr-footer__content-link" href="https://www.service-public.gouv.fr" rel="external">service-public.gouv.fr</a></li>
        </ul>
      </div>
    </div>
    <div class="fr-footer__bottom">
      <ul class="fr-footer__bottom-list">
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/mentions-legales">Mentions légales</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/contact">Contact</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/aide">Aide</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/mentions-legales#accessibilite">Accessibilité : non conforme</a></li>
      </ul>
      <div class="fr-footer__bottom-copy">
        <p>Sauf mention contraire, les contenus de ce site sont proposés sous <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/" rel="external">licence etalab-2.0</a>.</p>
      </div>
    </div>
  </div>
</footer>
<script type="module" src="/dsfr/dsfr.module.min.js"></script>
<script src="/js/app.js" defer></script>
</body>
</html>
