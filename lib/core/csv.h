// CSV (RFC 4180 quoting, as spreadsheets read it) for exports such as the
// staff's audit log (docs/STAFF.md, GET /etablissement/journal.csv). Writing
// goes through libcsv, and so does reading (issue 13: the import's files,
// docs/IMPORT.md).
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

// issue 13 — import: the reader.
// One record of a file and the line it starts on (1-based; a field holding
// line breaks makes the next record start further down).
struct Record {
  size_t line = 0;
  std::vector<std::string> fields;
};
struct Table {
  char separator = ';';
  std::vector<Record> records;  // blank lines left out
  std::string error;            // French, "" when the whole text was read
};

// The separator of a file: ';' or ',', whichever occurs more often outside
// quotes on its first line (';' on a tie: French spreadsheets' default).
char detect_separator(const std::string& text);

// Reads UTF-8 `text` (lib/core/charset.h converts it first) with libcsv:
// fields in double quotes may hold the separator, doubled quotes and line
// breaks; CRLF, CR and LF all end a record; spaces around unquoted fields are
// dropped. `sep` 0: detect_separator. A quote left open at the end is an
// error ("guillemet non fermé (ligne N)", N the line where that field starts).
Table read(const std::string& text, char sep = 0);

}  // namespace ts::csv
