// Flow "import" (issue 13, docs/IMPORT.md): the secretary's import of the
// pupils' and responsables' CSV files, for staff whose roles allow
// Permission::import (secrétariat, direction), into their own school.
//   GET  /etablissement/import             the upload form (two files, the encoding)
//   POST /etablissement/import             multipart upload (8 MiB, Route::max_body) -> the preview:
//                                          changes and problems; the files kept in a pending
//                                          import_batch bound to a token and this session
//   POST /etablissement/import/confirmer   applies the kept files in one transaction -> the result
#include "import.h"

namespace ts::import {
namespace {
using namespace ts::web;
using P = staff::Permission;

constexpr size_t kUploadCap = size_t{8} * 1024 * 1024;  // nginx: flows.txt option `upload` (8m)

const Routes kRoutes = {
    get("/etablissement/import", Gate::staff, upload_form).needs(P::import),
    post("/etablissement/import", Gate::staff, upload).needs(P::import).max_body(kUploadCap),
    post("/etablissement/import/confirmer", Gate::staff, confirm)
        .needs(P::import)
        .get_redirect("/etablissement/import")
        .expired_form_page("/etablissement/import"),
};

}  // namespace
}  // namespace ts::import

TS_FLOW_MAIN("import", ts::import::kRoutes)
