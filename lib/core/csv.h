// CSV (RFC 4180 quoting, as spreadsheets read it) for exports such as the
// staff's audit log (docs/STAFF.md, GET /etablissement/journal.csv). Writing
// goes through libcsv; a reader (issue 13) will join it here.
#pragma once
#include <string>
#include <vector>

namespace ts::csv {

// Put first in a UTF-8 file so that spreadsheets (Excel) read it as UTF-8.
constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";

// One CSV record of `fields` separated by `sep`, ending with CRLF.
// A field holding `sep`, a double quote, CR or LF is quoted by libcsv
// (csv_write2: wrapped in double quotes, inner quotes doubled); other fields
// are written as they are. OWASP "CSV injection": a field starting with '=',
// '+', '-', '@', TAB or CR, which a spreadsheet could take for a formula,
// first gets a leading apostrophe "'" (then quoting applies as above).
std::string row(const std::vector<std::string>& fields, char sep = ';');

}  // namespace ts::csv
