// The practitioner's own language, kept in their encrypted store's settings so it follows them
// across restarts. A child's activity may use another language (ActivityRun::language()); the
// practitioner's is restored after each activity frame (ScopedLanguage in drawChildView).
#pragma once

#include "storage/store.h"

#include <string>

namespace heard::tools {

constexpr const char* kLanguageSetting = "ui.language";

// The saved language ("en" when none is saved or the saved one is no longer shipped).
std::string practitionerLanguage(storage::Store& store);
// Saves and applies (i18n::setLanguage) a shipped language; returns false for an unknown code
// and changes nothing.
bool setPractitionerLanguage(storage::Store& store, const std::string& code);
// Applies the saved language; call after unlocking.
void applyPractitionerLanguage(storage::Store& store);

} // namespace heard::tools
