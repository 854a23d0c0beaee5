#include "app/ui/spelling_service.h"

#include "app/model/spelling.h"
#include "app/ui/app.h"
#include "app/ui/kit/text_area.h"

#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace heard::ui {

namespace {

class AppSpelling : public SpellingService {
public:
    bool correct(const std::string& language, const std::string& word) override {
        model::Speller* s = speller(language);
        return !s || s->correct(word); // no dictionary: nothing is underlined
    }
    std::vector<std::string> suggest(const std::string& language, const std::string& word) override {
        model::Speller* s = speller(language);
        return s ? s->suggest(word) : std::vector<std::string>{};
    }
    void addWord(const std::string& language, const std::string& word) override {
        model::Speller* s = speller(language);
        if (!s || !m_app) return;
        s->addWord(word);
        ++m_revision;
        // Kept in the encrypted store after the frame (a frame never writes the store).
        m_app->postToMain([language, word](App& app) {
            if (!app.store()) return;
            const std::string key = myWordsSettingKey(language.c_str());
            std::string words = app.store()->setting(key).value_or("");
            words += word + "\n";
            app.store()->setSetting(key, words);
        });
    }
    unsigned revision() const override { return m_revision; }

    void sync(App& app) {
        m_app = &app;
        storage::Store* store = app.store();
        if (store == m_loadedFor) return;
        m_loadedFor = store;
        // Locked (or another store): every speller goes, Aspell's own memory of the words it
        // was asked about with it (its session and caches hold words of the notes). Spellers
        // open again, with the practitioner's words, when a field is next checked.
        for (auto& [language, speller] : m_spellers)
            if (speller) speller->clearAddedWords();
        m_spellers.clear();
        ++m_revision;
    }
    int openCount() const {
        int n = 0;
        for (const auto& [language, speller] : m_spellers)
            n += speller != nullptr;
        return n;
    }

private:
    model::Speller* speller(const std::string& language) {
        auto found = m_spellers.find(language);
        if (found != m_spellers.end()) return found->second.get();
        std::string error;
        auto made = model::Speller::open(language, error); // once per language; a failure is remembered
        if (made && m_loadedFor) loadWords(*m_loadedFor, *made);
        return (m_spellers[language] = std::move(made)).get();
    }
    void loadWords(storage::Store& store, model::Speller& speller) {
        std::istringstream words(store.setting(myWordsSettingKey(speller.language().c_str())).value_or(""));
        std::string word;
        while (std::getline(words, word))
            speller.addWord(word);
    }

    App* m_app = nullptr;
    storage::Store* m_loadedFor = nullptr;
    std::map<std::string, std::unique_ptr<model::Speller>> m_spellers;
    unsigned m_revision = 0;
};

AppSpelling& service() {
    static AppSpelling s_service;
    return s_service;
}

} // namespace

const char* myWordsSettingKey(const char* language) {
    return std::string(language) == "cy" ? "spelling.my_words.cy" : "spelling.my_words.en";
}

int openSpellerCount() {
    return service().openCount();
}

void syncSpelling(App& app) {
    setSpellingService(&service());
    service().sync(app);
}

} // namespace heard::ui
