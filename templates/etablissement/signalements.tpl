{{%AUTOESCAPE context="HTML"}}
{{! issue 13 — aide. The school's reported letters (GET /etablissement/signalements):
    WAITING (REPORT: LETTER_ID, ACCOUNT_ID, REPORTED_AT, IDENTIFIER, HOLDER,
    PUPIL, and the form of POST /etablissement/signalements/traite: decision
    annule | infonde, commentaire) or NO_WAITING; HANDLED (DONE: the same, and
    HANDLED_AT, DECISION, COMMENT, HANDLED_BY); NOTICE (TEXT); the error
    summary (HAS_ERRORS: ERRORS with FIELD, the id of the report's field,
    and MESSAGE); a refused REPORT keeps COMMENT_VALUE, ANNULE_CHECKED or
    INFONDE_CHECKED and shows DECISION_ERROR / COMMENT_ERROR (MESSAGE). }}
<div class="fr-grid-row">
<div class="fr-col-12">
<h1>Courriers signalés</h1>
<p>Une personne qui a reçu un courrier qui ne la concerne pas (« Je ne suis pas le représentant légal de cet élève ») l'a signalé : le courrier est suspendu jusqu'à votre décision. <strong>Courrier annulé</strong> : il ne servira plus (éditez un nouveau courrier pour la bonne personne). <strong>Signalement infondé</strong> : il sert de nouveau.</p>
{{#NOTICE}}<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status"><p>{{TEXT}}</p></div>{{/NOTICE}}
{{#HAS_ERRORS}}
<div id="erreurs" class="fr-alert fr-alert--error ts-erreurs fr-mb-4w" role="alert" tabindex="-1">
<h2 class="fr-alert__title">Le formulaire contient des erreurs</h2>
<ul>
{{#ERRORS}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERRORS}}
</ul>
</div>
{{/HAS_ERRORS}}
<h2>En attente</h2>
{{#NO_WAITING}}<p>Aucun signalement en attente.</p>{{/NO_WAITING}}
{{#WAITING}}
{{#REPORT}}
<div class="fr-card fr-mb-3w" id="signalement-{{LETTER_ID}}">
<div class="fr-card__body"><div class="fr-card__content">
<h3 class="fr-card__title"><a href="/etablissement/famille?id={{ACCOUNT_ID}}">{{IDENTIFIER}}</a> ({{HOLDER}})</h3>
<p class="fr-card__desc">Courrier pour {{PUPIL}}, signalé le {{REPORTED_AT}}.</p>
<form method="post" action="/etablissement/signalements/traite" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="signalement" value="{{LETTER_ID}}">
<fieldset class="fr-fieldset{{#DECISION_ERROR}} fr-fieldset--error{{/DECISION_ERROR}}" id="decision-{{LETTER_ID}}"{{#DECISION_ERROR}} aria-labelledby="decision-{{LETTER_ID}}-legende decision-{{LETTER_ID}}-erreur"{{/DECISION_ERROR}}>
<legend class="fr-fieldset__legend fr-text--regular" id="decision-{{LETTER_ID}}-legende">Décision</legend>
<div class="fr-fieldset__element"><div class="fr-radio-group">
<input type="radio" id="decision-annule-{{LETTER_ID}}" name="decision" value="annule"{{#ANNULE_CHECKED}} checked{{/ANNULE_CHECKED}}>
<label class="fr-label" for="decision-annule-{{LETTER_ID}}">Courrier annulé : il ne servira plus</label>
</div></div>
<div class="fr-fieldset__element"><div class="fr-radio-group">
<input type="radio" id="decision-infonde-{{LETTER_ID}}" name="decision" value="infonde"{{#INFONDE_CHECKED}} checked{{/INFONDE_CHECKED}}>
<label class="fr-label" for="decision-infonde-{{LETTER_ID}}">Signalement infondé : le courrier sert de nouveau</label>
</div></div>
{{#DECISION_ERROR}}<div class="fr-messages-group" aria-live="polite"><p class="fr-message fr-message--error" id="decision-{{LETTER_ID}}-erreur">{{MESSAGE}}</p></div>{{/DECISION_ERROR}}
</fieldset>
<div class="fr-input-group{{#COMMENT_ERROR}} fr-input-group--error{{/COMMENT_ERROR}}">
<label class="fr-label" for="commentaire-{{LETTER_ID}}">Commentaire (facultatif, 500 caractères au plus)</label>
<textarea class="fr-input{{#COMMENT_ERROR}} fr-input--error{{/COMMENT_ERROR}}" id="commentaire-{{LETTER_ID}}" name="commentaire" rows="2" maxlength="500"{{#COMMENT_ERROR}} aria-describedby="commentaire-{{LETTER_ID}}-erreur"{{/COMMENT_ERROR}}>{{COMMENT_VALUE}}</textarea>
{{#COMMENT_ERROR}}<p class="fr-error-text" id="commentaire-{{LETTER_ID}}-erreur">{{MESSAGE}}</p>{{/COMMENT_ERROR}}
</div>
<button type="submit" class="fr-btn fr-btn--sm">Enregistrer la décision</button>
</form>
</div></div>
</div>
{{/REPORT}}
{{/WAITING}}
{{#HANDLED}}
<h2>Derniers signalements traités</h2>
<div class="fr-table">
<table tabindex="0">
<caption>Les 50 derniers signalements traités (heure de Paris)</caption>
<thead><tr><th scope="col">Compte</th><th scope="col">Élève</th><th scope="col">Signalé le</th><th scope="col">Traité le</th><th scope="col">Par</th><th scope="col">Décision</th><th scope="col">Commentaire</th></tr></thead>
<tbody>
{{#DONE}}<tr><td>{{IDENTIFIER}} ({{HOLDER}})</td><td>{{PUPIL}}</td><td>{{REPORTED_AT}}</td><td>{{HANDLED_AT}}</td><td>{{HANDLED_BY}}</td><td>{{DECISION}}</td><td>{{COMMENT}}</td></tr>
{{/DONE}}
</tbody>
</table>
</div>
{{/HANDLED}}
</div>
</div>
