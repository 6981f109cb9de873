// The guide's "3 mois", the one period of the account life cycle: a letter is
// valid 3 months after it is printed; an address must be confirmed within 3
// months of the first connection, and the activation link lives as long. SQL
// statements splice it in at compile time, so the text stays constant.
#pragma once

#define TS_THREE_MONTHS "INTERVAL 3 MONTH"
