#include "app/tools/framework/view/practitioner_language.h"

#include "app/i18n/i18n.h"

namespace heard::tools {

std::string practitionerLanguage(storage::Store& store) {
    const auto saved = store.setting(kLanguageSetting);
    if (saved && i18n::isSupportedLanguage(*saved)) return *saved;
    return "en";
}

bool setPractitionerLanguage(storage::Store& store, const std::string& code) {
    if (!i18n::isSupportedLanguage(code)) return false;
    store.setSetting(kLanguageSetting, code);
    i18n::setLanguage(code);
    return true;
}

void applyPractitionerLanguage(storage::Store& store) {
    i18n::setLanguage(practitionerLanguage(store));
}

} // namespace heard::tools
