#include "app/ui/settings.h"

#include "app/i18n/i18n.h"
#include "app/ui/app.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace heard::ui {

namespace {
constexpr const char* kLanguageKey = "ui.language";
constexpr const char* kTextSizeKey = "ui.text_size";

// The nearest offered size, so a damaged setting can never make the app unusable.
float offeredSize(float wanted) {
    float best = kTextSizes[0];
    for (float size : kTextSizes)
        if (std::fabs(size - wanted) < std::fabs(best - wanted)) best = size;
    return best;
}
} // namespace

PractitionerSettings readSettings(storage::Store& store) {
    PractitionerSettings settings;
    if (auto language = store.setting(kLanguageKey); language && i18n::isSupportedLanguage(*language))
        settings.language = *language;
    if (auto size = store.setting(kTextSizeKey); size && !size->empty()) {
        const float value = std::strtof(size->c_str(), nullptr);
        if (value > 0.0f) settings.textSize = offeredSize(value);
    }
    return settings;
}

void saveSettings(storage::Store& store, const PractitionerSettings& settings) {
    if (!settings.language.empty()) store.setSetting(kLanguageKey, settings.language);
    if (settings.textSize > 0.0f) {
        char text[16];
        std::snprintf(text, sizeof text, "%.2f", double(settings.textSize));
        store.setSetting(kTextSizeKey, text);
    }
}

void applySettings(App& app, const PractitionerSettings& settings) {
    if (!settings.language.empty()) i18n::setLanguage(settings.language);
    if (settings.textSize > 0.0f) app.window().setTextSize(settings.textSize);
}

void applyPractitionerSettings(App& app) {
    if (!app.store()) return;
    try {
        applySettings(app, readSettings(*app.store()));
    } catch (const std::exception& e) {
        app.report(e, _("reading your settings"));
    }
}

namespace {
std::string readAloudKey(const std::string& childId) {
    return "child." + childId + ".read_aloud";
}
} // namespace

bool readAloudFor(storage::Store& store, const std::string& childId) {
    return store.setting(readAloudKey(childId)).value_or("") == "1";
}

void setReadAloudFor(storage::Store& store, const std::string& childId, bool on) {
    store.setSetting(readAloudKey(childId), on ? "1" : "0");
}

} // namespace heard::ui
