// The guide's "3 mois", the one period of the account life cycle: a letter is
// valid 3 months after it is printed; an address must be confirmed within 3
// months of the first connection, and the activation link lives as long. SQL
// statements and messages splice it in at compile time, so the text stays
// constant.
#pragma once

#define TS_THREE_MONTHS "INTERVAL 3 MONTH"
// As the messages say it.
#define TS_THREE_MONTHS_TEXT "3 mois"

// How recent a change must be for a repeated POST (a double click, a form
// sent again) to be answered with its outcome rather than an error.
#define TS_REPEAT_WINDOW "INTERVAL 2 MINUTE"

// The letter `l` (a table alias, or "letter" itself) was reported "je ne suis
// pas le représentant légal" and waits for staff (reports.h): suspended, its
// account held back from generation and re-notification (the guide: the
// report waits in the follow-up until staff handle it).
#define TS_LETTER_SUSPENDED(l) "(" l ".reported_at IS NOT NULL AND " l ".report_handled_at IS NULL)"

// The account `a` did its first connection more than 3 months ago and never
// confirmed its address (no login; the daily purge deletes it).
#define TS_ACTIVATION_EXPIRED_SQL \
  "(a.state = 'pending_email' AND a.first_connection_at < UTC_TIMESTAMP() - " TS_THREE_MONTHS ")"
