{{%AUTOESCAPE context="HTML"}}
{{! The answer to both recovery requests, whatever they matched: the page must
    not tell whether an account or an address exists, so nothing on it
    depends on the request but the flow (HEADING, RESET). }}
<div class="fr-grid-row fr-grid-row--center">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1>{{HEADING}}</h1>
<div class="fr-alert fr-alert--info fr-mb-3w" role="status">
<p>Si ces informations correspondent à un compte dont l'adresse mail est confirmée, un message vient d'y être envoyé. Sinon, notamment si votre adresse n'a jamais été confirmée ou si vous n'avez pas encore activé votre compte, adressez-vous à l'établissement qui vous a remis votre courrier de notification.</p>
</div>
<p>Le message est envoyé par « Administrateur des services en ligne ». S'il n'arrive pas dans quelques minutes, regardez dans les dossiers « courriers indésirables » de votre messagerie.</p>
{{#RESET}}<p>Le lien qu'il contient ne sert qu'une seule fois et n'est valable que {{MINUTES}} minutes.</p>{{/RESET}}
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><a class="fr-btn" href="/connexion">Retour à la connexion</a></li>
</ul>
</div>
</div>
