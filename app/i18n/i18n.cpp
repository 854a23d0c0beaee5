// The catalogue registry behind tr(): one MoCatalog per shipped language, loaded on first use.
#include "app/i18n/i18n.h"

#include "base/data_dir.h"
#include "app/i18n/mo_catalog.h"

#include <cstdlib>
#include <deque>
#include <memory>
#include <unordered_map>

namespace heard::i18n {

namespace {

// Translations from a signed content update (issue 20, item 4). The texts live in a deque so the
// map's views and the pointers tr() hands out stay put.
struct Overlay {
    std::deque<std::string> texts;
    std::unordered_map<std::string_view, const char*> table;
};

struct Slot {
    std::string code;
    bool attempted = false; // load tried (successfully or not) since the directory last changed
    MoCatalog* catalog = nullptr;
    const Overlay* overlay = nullptr; // consulted before the catalogue
};

struct Registry {
    std::vector<Slot> slots;
    // Every catalogue ever loaded is kept, so pointers handed out by tr() never dangle even
    // after setCatalogueDir() causes a reload.
    std::vector<std::unique_ptr<MoCatalog>> owned;
    std::vector<std::unique_ptr<Overlay>> overlays; // kept for the same reason
    std::vector<std::string> errors;
    std::string dirOverride;
    bool hasOverride = false;
    std::string current = "en";
    Slot* currentSlot = nullptr; // nullptr: English (the msgid) or an unknown code

    Registry() {
        for (const LanguageInfo& info : supportedLanguages()) {
            if (std::string_view(info.code) != "en") slots.push_back(Slot{info.code});
        }
    }

    Slot* slotFor(std::string_view code) {
        for (Slot& slot : slots) {
            if (slot.code == code) return &slot;
        }
        return nullptr;
    }

    const MoCatalog* catalogFor(Slot* slot) {
        if (!slot) return nullptr;
        if (!slot->attempted) {
            slot->attempted = true;
            std::string error;
            const std::string path = catalogueDir() + "/" + slot->code + ".mo";
            auto catalog = MoCatalog::load(path, error);
            if (catalog) {
                slot->catalog = catalog.get();
                owned.push_back(std::move(catalog));
            } else {
                slot->catalog = nullptr;
                errors.push_back(slot->code + ": " + error);
            }
        }
        return slot->catalog;
    }
};

Registry& registry() {
    static Registry s_registry;
    return s_registry;
}

const char* lookup(const Slot& slot, const MoCatalog* catalog, const char* msgid) {
    if (!msgid) return msgid;
    if (slot.overlay) {
        auto it = slot.overlay->table.find(std::string_view(msgid));
        if (it != slot.overlay->table.end()) return it->second;
    }
    if (!catalog) return msgid;
    const char* found = catalog->find(msgid);
    return found ? found : msgid;
}

} // namespace

const std::vector<LanguageInfo>& supportedLanguages() {
    static const std::vector<LanguageInfo> s_languages = {{"en", "English"}, {"cy", "Cymraeg"}};
    return s_languages;
}

bool isSupportedLanguage(std::string_view code) {
    for (const LanguageInfo& info : supportedLanguages()) {
        if (code == info.code) return true;
    }
    return false;
}

void setLanguage(const std::string& code) {
    Registry& r = registry();
    r.current = code;
    r.currentSlot = r.slotFor(code);
    r.catalogFor(r.currentSlot); // load now rather than in the middle of a frame
}

const std::string& language() {
    return registry().current;
}

namespace {
MissingTranslationObserver s_missingObserver = nullptr;
} // namespace

void setMissingTranslationObserver(MissingTranslationObserver observer) {
    s_missingObserver = observer;
}

const char* tr(const char* msgid) {
    Registry& r = registry();
    if (!r.currentSlot) return msgid; // English: the msgid is the text
    const char* text = lookup(*r.currentSlot, r.catalogFor(r.currentSlot), msgid);
    if (text == msgid && s_missingObserver && msgid && *msgid) s_missingObserver(msgid);
    return text;
}

const char* tr(const std::string& msgid) {
    return tr(msgid.c_str());
}

const char* trIn(std::string_view languageCode, const char* msgid) {
    Registry& r = registry();
    Slot* slot = r.slotFor(languageCode);
    if (!slot) return msgid;
    return lookup(*slot, r.catalogFor(slot), msgid);
}

void setContentTranslations(std::string_view languageCode,
                            const std::vector<std::pair<std::string, std::string>>& translations) {
    Registry& r = registry();
    Slot* slot = r.slotFor(languageCode);
    if (!slot) return;
    if (translations.empty()) {
        slot->overlay = nullptr;
        return;
    }
    auto overlay = std::make_unique<Overlay>();
    for (const auto& [msgid, text] : translations) {
        if (msgid.empty() || text.empty()) continue;
        const std::string& key = overlay->texts.emplace_back(msgid);
        const std::string& value = overlay->texts.emplace_back(text);
        overlay->table[key] = value.c_str();
    }
    slot->overlay = overlay.get();
    r.overlays.push_back(std::move(overlay));
}

void setCatalogueDir(const std::string& dir) {
    Registry& r = registry();
    r.dirOverride = dir;
    r.hasOverride = !dir.empty();
    for (Slot& slot : r.slots) {
        slot.attempted = false;
        slot.catalog = nullptr;
    }
}

std::string catalogueDir() {
    Registry& r = registry();
    if (r.hasOverride) return r.dirOverride;
    if (const char* env = std::getenv("HEARD_LOCALE_DIR"); env && *env) return env;
    return base::localeDir();
}

std::vector<std::string> loadCatalogues() {
    Registry& r = registry();
    std::vector<std::string> problems;
    for (Slot& slot : r.slots) {
        size_t before = r.errors.size();
        r.catalogFor(&slot);
        for (size_t i = before; i < r.errors.size(); ++i)
            problems.push_back(r.errors[i]);
    }
    return problems;
}

std::vector<std::string> catalogueErrors() {
    return registry().errors;
}

ScopedLanguage::ScopedLanguage(const std::string& code) : m_previous(language()) {
    setLanguage(code);
}
ScopedLanguage::~ScopedLanguage() {
    setLanguage(m_previous);
}

} // namespace heard::i18n
