// Localisation: every user-visible string goes through tr() / the _() macro so that it can be
// extracted with xgettext (keyword "_") and translated in assets/i18n/*.po (English, Welsh).
#pragma once

#include <string>

namespace heard::i18n {

// The language of the text being drawn now: the practitioner's, or for a child-facing
// activity the child's choice. Codes are ISO 639-1: "en", "cy".
void setLanguage(const std::string& code);
const std::string& language();

// Translation of msgid in the current language; msgid itself when there is none.
// The returned pointer stays valid for the life of the process.
const char* tr(const char* msgid);

} // namespace heard::i18n

#ifndef HEARD_NO_GETTEXT_MACRO
#define _(msgid) ::heard::i18n::tr(msgid)
#endif
