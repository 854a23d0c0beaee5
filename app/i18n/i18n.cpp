// Placeholder catalogue: returns msgid until the gettext catalogues land (issue 6).
#include "app/i18n/i18n.h"

namespace heard::i18n {

namespace {
std::string& currentLanguage() {
    static std::string s_language = "en";
    return s_language;
}
} // namespace

void setLanguage(const std::string& code) { currentLanguage() = code; }
const std::string& language() { return currentLanguage(); }
const char* tr(const char* msgid) { return msgid; }

} // namespace heard::i18n
