{{%AUTOESCAPE context="HTML"}}
{{! Portal entry (GET /), as in the guide: step 1 chooses the type of school
    (a GET form that reloads / with ?type=, so it works without JavaScript),
    step 2 chooses the profile. Sections: TYPE_AGRICOLE or
    TYPE_EDUCATION_NATIONALE (which radio is checked), TYPE_CHOSEN (the form
    was submitted). }}
<h1>Services en ligne — Collèges - Lycées</h1>
<p class="fr-text--lead">{{ACADEMIE}}</p>

<form class="ts-etape fr-mb-6w" method="get" action="/">
  <fieldset class="fr-fieldset" id="type-etablissement" aria-labelledby="type-etablissement-legende">
    <legend class="fr-fieldset__legend" id="type-etablissement-legende">
      <span class="ts-etape__numero">Étape 1</span> Sélectionnez un type d'établissement :
    </legend>
    <div class="fr-fieldset__element fr-fieldset__element--inline">
      <div class="fr-radio-group">
        <input type="radio" id="type-agricole" name="type" value="agricole"{{#TYPE_AGRICOLE}} checked{{/TYPE_AGRICOLE}}>
        <label class="fr-label" for="type-agricole">Agricole</label>
      </div>
    </div>
    <div class="fr-fieldset__element fr-fieldset__element--inline">
      <div class="fr-radio-group">
        <input type="radio" id="type-education-nationale" name="type" value="education-nationale"{{#TYPE_EDUCATION_NATIONALE}} checked{{/TYPE_EDUCATION_NATIONALE}}>
        <label class="fr-label" for="type-education-nationale">Education Nationale</label>
      </div>
    </div>
    <div class="fr-fieldset__element">
      <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm">Valider le type d'établissement</button>
    </div>
  </fieldset>
{{#TYPE_CHOSEN}}
  <p class="fr-text--sm" role="status">Type d'établissement sélectionné : {{#TYPE_AGRICOLE}}Agricole{{/TYPE_AGRICOLE}}{{#TYPE_EDUCATION_NATIONALE}}Education Nationale{{/TYPE_EDUCATION_NATIONALE}}. Choisissez maintenant votre profil (étape 2).</p>
{{/TYPE_CHOSEN}}
</form>

<section class="ts-etape" aria-labelledby="etape-2">
  <h2 class="fr-h4" id="etape-2"><span class="ts-etape__numero">Étape 2</span> Vous souhaitez vous connecter en tant que :</h2>
  <ul class="fr-grid-row fr-grid-row--gutters ts-profils">
    <li class="fr-col-12 fr-col-md-6 fr-col-xl-4">
      <div class="fr-tile fr-tile--horizontal fr-enlarge-link ts-profil ts-profil--famille">
        <div class="fr-tile__body">
          <div class="fr-tile__content">
            <h3 class="fr-tile__title"><a href="/connexion"><span class="ts-profil__numero">1</span> <span class="ts-maj">Élève</span> ou <span class="ts-maj">parent d'élève</span></a></h3>
            <p class="fr-tile__desc">Munissez-vous du courrier de notification.</p>
          </div>
        </div>
        <div class="fr-tile__header">
          <div class="fr-tile__pictogram">
            <svg aria-hidden="true" class="fr-artwork" viewBox="0 0 80 80" width="80" height="80">
              <use class="fr-artwork-decorative" href="/dsfr/artwork/pictograms/buildings/school.svg#artwork-decorative"></use>
              <use class="fr-artwork-minor" href="/dsfr/artwork/pictograms/buildings/school.svg#artwork-minor"></use>
              <use class="fr-artwork-major" href="/dsfr/artwork/pictograms/buildings/school.svg#artwork-major"></use>
            </svg>
          </div>
        </div>
      </div>
    </li>
    <li class="fr-col-12 fr-col-md-6 fr-col-xl-4">
      <div class="fr-tile fr-tile--horizontal fr-enlarge-link ts-profil">
        <div class="fr-tile__body">
          <div class="fr-tile__content">
            <h3 class="fr-tile__title"><a href="/personnel"><span class="ts-profil__numero">2</span> <span class="ts-maj">Enseignant</span></a></h3>
            <p class="fr-tile__desc">Espace des personnels</p>
          </div>
        </div>
        <div class="fr-tile__header">
          <div class="fr-tile__pictogram">
            <svg aria-hidden="true" class="fr-artwork" viewBox="0 0 80 80" width="80" height="80">
              <use class="fr-artwork-decorative" href="/dsfr/artwork/pictograms/leisure/book.svg#artwork-decorative"></use>
              <use class="fr-artwork-minor" href="/dsfr/artwork/pictograms/leisure/book.svg#artwork-minor"></use>
              <use class="fr-artwork-major" href="/dsfr/artwork/pictograms/leisure/book.svg#artwork-major"></use>
            </svg>
          </div>
        </div>
      </div>
    </li>
    <li class="fr-col-12 fr-col-md-6 fr-col-xl-4">
      <div class="fr-tile fr-tile--horizontal fr-enlarge-link ts-profil">
        <div class="fr-tile__body">
          <div class="fr-tile__content">
            <h3 class="fr-tile__title"><a href="/personnel"><span class="ts-profil__numero">3</span> <span class="ts-maj">Personnel non-enseignant</span></a></h3>
            <p class="fr-tile__desc">Espace des personnels</p>
          </div>
        </div>
        <div class="fr-tile__header">
          <div class="fr-tile__pictogram">
            <svg aria-hidden="true" class="fr-artwork" viewBox="0 0 80 80" width="80" height="80">
              <use class="fr-artwork-decorative" href="/dsfr/artwork/pictograms/document/binders.svg#artwork-decorative"></use>
              <use class="fr-artwork-minor" href="/dsfr/artwork/pictograms/document/binders.svg#artwork-minor"></use>
              <use class="fr-artwork-major" href="/dsfr/artwork/pictograms/document/binders.svg#artwork-major"></use>
            </svg>
          </div>
        </div>
      </div>
    </li>
    <li class="fr-col-12 fr-col-md-6 fr-col-xl-4">
      <div class="fr-tile fr-tile--horizontal fr-enlarge-link ts-profil">
        <div class="fr-tile__body">
          <div class="fr-tile__content">
            <h3 class="fr-tile__title"><a href="/personnel"><span class="ts-profil__numero">4</span> <span class="ts-maj">Personnels de la Région</span></a></h3>
            <p class="fr-tile__desc">Espace des personnels</p>
          </div>
        </div>
        <div class="fr-tile__header">
          <div class="fr-tile__pictogram">
            <svg aria-hidden="true" class="fr-artwork" viewBox="0 0 80 80" width="80" height="80">
              <use class="fr-artwork-decorative" href="/dsfr/artwork/pictograms/map/location-france.svg#artwork-decorative"></use>
              <use class="fr-artwork-minor" href="/dsfr/artwork/pictograms/map/location-france.svg#artwork-minor"></use>
              <use class="fr-artwork-major" href="/dsfr/artwork/pictograms/map/location-france.svg#artwork-major"></use>
            </svg>
          </div>
        </div>
      </div>
    </li>
    <li class="fr-col-12 fr-col-md-6 fr-col-xl-4">
      <div class="fr-tile fr-tile--horizontal fr-enlarge-link ts-profil">
        <div class="fr-tile__body">
          <div class="fr-tile__content">
            <h3 class="fr-tile__title"><a href="/personnel"><span class="ts-profil__numero">5</span> <span class="ts-maj">Autres</span></a></h3>
            <p class="fr-tile__desc">Partenaires et autres utilisateurs</p>
          </div>
        </div>
        <div class="fr-tile__header">
          <div class="fr-tile__pictogram">
            <svg aria-hidden="true" class="fr-artwork" viewBox="0 0 80 80" width="80" height="80">
              <use class="fr-artwork-decorative" href="/dsfr/artwork/pictograms/environment/human-cooperation.svg#artwork-decorative"></use>
              <use class="fr-artwork-minor" href="/dsfr/artwork/pictograms/environment/human-cooperation.svg#artwork-minor"></use>
              <use class="fr-artwork-major" href="/dsfr/artwork/pictograms/environment/human-cooperation.svg#artwork-major"></use>
            </svg>
          </div>
        </div>
      </div>
    </li>
  </ul>
  <p class="fr-mt-4w">Première connexion, courrier perdu ou mail d'activation introuvable ? Consultez l'<a href="/aide">aide aux parents et aux élèves</a>.</p>
</section>
