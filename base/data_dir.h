// Where the read-only data (tool content, safeguarding lists, spelling supplements, compiled
// translations) is found at run time, so one binary works from the build tree and installed.
//
// In order:
//   1. $HEARD_DATA_DIR, if set: the installed layout (content folders, and locale/ for the .mo);
//   2. <the running binary's folder>/../share/heard, if it holds tools/ (an installed package,
//      wherever it was unpacked: /usr, /opt/heard, a staging folder);
//   3. the build tree: the source assets/ and <build>/locale (what tests and scripts/run.sh use).
// The more specific overrides that already exist (HEARD_TOOLS_DIR, HEARD_LOCALE_DIR,
// HEARD_ASSETS_DIR, HEARD_SAFEGUARDING_CONTENT) still win where each is read.
#pragma once

#include <string>

namespace heard::base {

// The content folder: tools/, safeguarding/, spelling/ ... below it.
std::string assetsDir();
// The folder of compiled catalogues (<code>.mo).
std::string localeDir();
// The folder of the running executable ("" when it cannot be read).
std::string executableDir();

} // namespace heard::base
