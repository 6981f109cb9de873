{{%AUTOESCAPE context="HTML"}}
{{! A plain page with one message: errors (IS_ERROR) and notices (IS_INFO),
    filled by ts::message_page. }}
<div class="fr-grid-row">
  <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
    <h1>{{HEADING}}</h1>
{{#IS_ERROR}}
    <div class="fr-alert fr-alert--error fr-mb-4w">
      <p>{{MESSAGE}}</p>
    </div>
{{/IS_ERROR}}
{{#IS_INFO}}
    <div class="fr-alert fr-alert--info fr-mb-4w">
      <p>{{MESSAGE}}</p>
    </div>
{{/IS_INFO}}
    <ul class="fr-btns-group fr-btns-group--inline-md">
      <li><a class="fr-btn" href="{{LINK_HREF}}">{{LINK_TEXT}}</a></li>
    </ul>
  </div>
</div>
