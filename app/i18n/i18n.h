// Localisation: every user-visible string goes through tr() / the _() macro so that it can be
// extracted with xgettext (keywords "_", "N_", "tr") and translated in assets/i18n/<lang>.po.
// English is the msgid; Welsh ("cy") is shipped. The .po files are compiled to .mo at build
// time (app/i18n/CMakeLists.txt) and read by our own reader (mo_catalog.h), so the language can
// change per call without touching the process locale.
//
// Where the catalogues live: setCatalogueDir() if called, else $HEARD_LOCALE_DIR, else
// base::localeDir() (installed: $HEARD_DATA_DIR/locale or ../share/heard/locale next to the
// program; in the build tree: <build>/locale, also HEARD_LOCALE_DIR). A language's catalogue is
// <dir>/<code>.mo and is loaded the first time the language is used. A missing or damaged
// catalogue is not fatal: its text falls back to English and catalogueErrors() says why.
//
// Threads: call from the main (UI) thread only, like ImGui itself.
//
// Per-activity language: a child may want Welsh while the practitioner works in English.
// Views draw an activity inside a ScopedLanguage for the activity's language:
//     { heard::i18n::ScopedLanguage childLanguage(run.language()); drawChildView(...); }
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace heard::i18n {

// The language of the text being drawn now: the practitioner's, or for a child-facing
// activity the child's choice. Codes are ISO 639-1: "en", "cy". An unknown code draws English.
void setLanguage(const std::string& code);
const std::string& language();

// Translation of msgid in the current language; msgid itself when there is none.
// One hash lookup and no allocation, so it is cheap enough to call every frame.
// For a string literal the returned pointer stays valid for the life of the process.
const char* tr(const char* msgid);
// Content strings (e.g. from assets/tools/*.json): valid while msgid or the process lives.
const char* tr(const std::string& msgid);
// Translation in a given language, whatever the current one is.
const char* trIn(std::string_view languageCode, const char* msgid);

// Translations that came with a signed content update (issue 20, item 4): msgid -> text for one
// shipped language, used before the catalogue (so an update can also correct a translation).
// Replaces the language's earlier set; an empty list removes it. Earlier texts stay valid.
void setContentTranslations(std::string_view languageCode,
                            const std::vector<std::pair<std::string, std::string>>& translations);

// Tests: called with each msgid tr() could not translate into the current language (not
// English). Shows strings drawn in English on a Welsh screen. nullptr: none (the default).
using MissingTranslationObserver = void (*)(const char* msgid);
void setMissingTranslationObserver(MissingTranslationObserver observer);

// Marks a string for extraction without translating it now (for static tables); translate it
// with tr() when drawing.
#define N_(msgid) msgid

struct LanguageInfo {
    const char* code;       // "cy"
    const char* nativeName; // "Cymraeg": shown in its own language, never translated
};
// The languages the app ships, English first.
const std::vector<LanguageInfo>& supportedLanguages();
bool isSupportedLanguage(std::string_view code);

// Where catalogues are read from (see above). Changing it drops loaded catalogues' cache so the
// next use reloads (strings already handed out stay valid). An empty dir removes the override.
void setCatalogueDir(const std::string& dir);
std::string catalogueDir();
// Loads every shipped catalogue now; returns one message per failure (empty when all loaded).
std::vector<std::string> loadCatalogues();
// Problems met so far when loading catalogues (e.g. "cy: /x/cy.mo: cannot open").
std::vector<std::string> catalogueErrors();

// Switches the current language for a scope and restores the previous one on exit.
class ScopedLanguage {
public:
    explicit ScopedLanguage(const std::string& code);
    ~ScopedLanguage();
    ScopedLanguage(const ScopedLanguage&) = delete;
    ScopedLanguage& operator=(const ScopedLanguage&) = delete;

private:
    std::string m_previous;
};

} // namespace heard::i18n

#ifndef HEARD_NO_GETTEXT_MACRO
#define _(msgid) ::heard::i18n::tr(msgid)
#endif
