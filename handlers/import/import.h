// The pages of the flow "import" (main.cpp holds the route table).
#pragma once
#include "web/routes.h"

namespace ts::import {
web::Response upload_form(web::Call& c);  // GET /etablissement/import
web::Response upload(web::Call& c);       // POST /etablissement/import (multipart): the preview
web::Response confirm(web::Call& c);      // POST /etablissement/import/confirmer: the result
}  // namespace ts::import
