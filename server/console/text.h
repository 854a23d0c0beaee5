// Every word the console shows, in English and Welsh (issue 15, item 7). One table; a key
// missing from it shows the key itself, and the console test fails on such a page.
#pragma once

#include <string>

namespace heard::server::console {

enum class Lang { En, Cy };
Lang langFromCode(const std::string& code); // "cy" -> Cy, anything else En
const char* langCode(Lang lang);

// The text for key in lang.
const char* tr(Lang lang, const char* key);
// Every key has both languages (for the test).
bool textTableComplete();

} // namespace heard::server::console
