// The pages of flow "courriers" (docs/STAFF.md "Courriers"): the school's
// notification letters as PDF. handlers/courriers/main.cpp has the routes
// and the permission each needs; what they act on is scoped in lib/'s SQL.
#pragma once
#include "web/routes.h"

namespace ts::courriers {

// courriers.cpp
web::Response courriers(web::Call& c);      // the classes and their letters, the two forms
web::Response generate(web::Call& c);       // POST generer: the PDF (or the result page)
web::Response renotify(web::Call& c);       // POST relancer: mails queued, the PDF for the rest
web::Response account_letter(web::Call& c); // POST compte: one account's new letter (the family fiche)

}  // namespace ts::courriers
