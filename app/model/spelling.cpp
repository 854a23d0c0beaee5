#include "app/model/spelling.h"
#include "base/data_dir.h"

#include <aspell.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

namespace heard::model {

namespace {

// Lower case for ASCII and the Welsh accented vowels (what the supplement needs to match).
std::string lower(const std::string& word) {
    std::string out = word;
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    // Two-byte Latin-1 capitals (À..Þ, as in Â Ê Î Ô Û) -> small, and Ŵ Ŷ (U+0174, U+0176).
    for (size_t i = 0; i + 1 < out.size(); ++i) {
        auto b0 = static_cast<unsigned char>(out[i]);
        auto b1 = static_cast<unsigned char>(out[i + 1]);
        if (b0 == 0xC3 && b1 >= 0x80 && b1 <= 0x9E && b1 != 0x97) out[i + 1] = char(b1 + 0x20);
        if (b0 == 0xC5 && (b1 == 0xB4 || b1 == 0xB6)) out[i + 1] = char(b1 + 1);
    }
    return out;
}

// The right single quotation mark (’) is written as an apostrophe.
std::string straightApostrophes(const std::string& word) {
    std::string out;
    out.reserve(word.size());
    for (size_t i = 0; i < word.size(); ++i) {
        if (i + 2 < word.size() && word.compare(i, 3, "\xE2\x80\x99") == 0) {
            out += '\'';
            i += 2;
        } else {
            out += word[i];
        }
    }
    return out;
}

// Welsh short forms joined with an apostrophe: 'n (yn), 'r (yr), 'i, 'w, 'm, 'th, 'u, 'ch, 'ma.
bool isWelshEnding(const std::string& ending) {
    static const std::unordered_set<std::string> s_endings{"n",  "r", "i",  "w",  "m",
                                                           "th", "u", "ch", "ma", "ni"};
    return s_endings.count(ending) != 0;
}

} // namespace

std::vector<std::string> hyphenParts(const std::string& word) {
    std::vector<std::string> parts;
    size_t begin = 0;
    while (begin <= word.size()) {
        const size_t end = std::min(word.find('-', begin), word.size());
        if (end > begin) parts.push_back(word.substr(begin, end - begin));
        begin = end + 1;
    }
    return parts;
}

std::string spellingSupplementPath(const std::string& language) {
    const char* env = std::getenv("HEARD_ASSETS_DIR");
    const std::string assets = env && *env ? env : base::assetsDir();
    return assets + "/spelling/" + language + "-supplement.txt";
}

std::unique_ptr<Speller> Speller::open(const std::string& language, std::string& error) {
    const char* dictionary = language == "cy" ? "cy" : language == "en" ? "en_GB" : nullptr;
    if (!dictionary) {
        error = "no dictionary for language '" + language + "'";
        return nullptr;
    }
    AspellConfig* config = new_aspell_config();
    aspell_config_replace(config, "lang", dictionary);
    aspell_config_replace(config, "encoding", "utf-8");
    // Only the installed dictionary: no personal list from the home folder is read or written
    // (the practitioner's own words live in the encrypted store).
    aspell_config_replace(config, "personal", "/nonexistent/heard-no-personal-list");
    aspell_config_replace(config, "repl", "/nonexistent/heard-no-replacement-list");
    AspellCanHaveError* made = new_aspell_speller(config);
    delete_aspell_config(config);
    if (aspell_error_number(made) != 0) {
        error = aspell_error_message(made);
        delete_aspell_can_have_error(made);
        return nullptr;
    }
    std::unique_ptr<Speller> speller(new Speller(language, to_aspell_speller(made)));
    std::ifstream supplement(spellingSupplementPath(language));
    std::string line;
    while (std::getline(supplement, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        speller->m_supplement.insert(lower(line));
    }
    return speller;
}

Speller::Speller(std::string language, AspellSpeller* speller)
    : m_language(std::move(language)), m_speller(speller) {}

Speller::~Speller() {
    delete_aspell_speller(m_speller);
}

bool Speller::dictionaryHas(const std::string& word) {
    if (word.empty()) return true;
    auto cached = m_cache.find(word);
    if (cached != m_cache.end()) return cached->second;
    const bool ok = aspell_speller_check(m_speller, word.c_str(), int(word.size())) == 1;
    if (m_cache.size() > 20000) m_cache.clear();
    m_cache.emplace(word, ok);
    return ok;
}

bool Speller::correct(const std::string& raw) {
    if (raw.empty()) return true;
    if (std::any_of(raw.begin(), raw.end(), [](char c) { return c >= '0' && c <= '9'; })) return true;
    const std::string word = straightApostrophes(raw);
    const std::string low = lower(word);
    if (m_added.count(low) || m_supplement.count(low)) return true;
    if (dictionaryHas(word)) return true;
    // A hyphenated word the dictionary does not know as a whole (kitchen-table, cyd-fyw) is
    // right when each part is: each part is judged on its own, so a misspelt part is caught.
    if (word.find('-') != std::string::npos) {
        const std::vector<std::string> parts = hyphenParts(word);
        return !parts.empty() && std::all_of(parts.begin(), parts.end(),
                                             [this](const std::string& part) { return correct(part); });
    }
    const size_t apostrophe = word.find('\'');
    if (apostrophe != std::string::npos && apostrophe > 0) {
        const std::string stem = word.substr(0, apostrophe);
        const std::string ending = lower(word.substr(apostrophe + 1));
        const bool shortForm = m_language == "cy" ? isWelshEnding(ending) : (ending == "s" || ending == "ll");
        if (shortForm) return correct(stem);
    }
    return false;
}

std::vector<std::string> Speller::suggest(const std::string& word, size_t limit) {
    std::vector<std::string> out;
    const AspellWordList* list = aspell_speller_suggest(m_speller, word.c_str(), int(word.size()));
    if (!list) return out;
    AspellStringEnumeration* items = aspell_word_list_elements(list);
    while (const char* s = aspell_string_enumeration_next(items)) {
        if (out.size() >= limit) break;
        const std::string suggestion = s;
        if (suggestion.find(' ') != std::string::npos && out.size() + 1 >= limit) continue;
        if (std::find(out.begin(), out.end(), suggestion) == out.end()) out.push_back(suggestion);
    }
    delete_aspell_string_enumeration(items);
    return out;
}

void Speller::addWord(const std::string& word) {
    if (!word.empty()) m_added.insert(lower(straightApostrophes(word)));
}

void Speller::clearAddedWords() {
    m_added.clear();
    m_cache.clear(); // the app's zero-on-free allocator wipes the freed nodes
}

} // namespace heard::model
