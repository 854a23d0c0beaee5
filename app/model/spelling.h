// Spelling in British English and Welsh with GNU Aspell, on the tablet only (nothing is sent
// anywhere). One Speller per language:
//   - "en": Aspell's en_GB dictionary;
//   - "cy": Aspell's cy dictionary, which is old: it flags the short forms Welsh writes with
//     an apostrophe (sy'n, mae'r, wedi'i), so a word with an apostrophe followed by one of
//     those endings is judged by its stem; and it lacks common words (pham, rhiant,
//     cyfrinair), so a reviewed supplement list (assets/spelling/<lang>-supplement.txt) adds
//     them. `ctest -R writing.spelling` counts what is still flagged in our own cy.po.
// The practitioner's own words ("add to my words") are added by the caller, which keeps them
// in the encrypted store.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

struct AspellSpeller;

namespace heard::model {

class Speller {
public:
    // language: "en" or "cy". Returns nullptr, with error set, when the dictionary is missing.
    static std::unique_ptr<Speller> open(const std::string& language, std::string& error);
    ~Speller();
    Speller(const Speller&) = delete;
    Speller& operator=(const Speller&) = delete;

    const std::string& language() const { return m_language; }
    // Whether a word (UTF-8, as cut by the text area's word rule) is spelt correctly. Words
    // with digits are not judged.
    bool correct(const std::string& word);
    // Up to `limit` suggestions, best first.
    std::vector<std::string> suggest(const std::string& word, size_t limit = 6);
    void addWord(const std::string& word);
    // Forgets the practitioner's words and every word checked so far (lock): the cache holds
    // words of the notes.
    void clearAddedWords();

private:
    Speller(std::string language, AspellSpeller* speller);
    bool dictionaryHas(const std::string& word);

    std::string m_language;
    AspellSpeller* m_speller;
    std::unordered_set<std::string> m_supplement;  // lower case
    std::unordered_set<std::string> m_added;       // lower case
    std::unordered_map<std::string, bool> m_cache; // Aspell's answers
};

// The parts of a hyphenated word (kitchen-table: kitchen, table), empty parts left out.
std::vector<std::string> hyphenParts(const std::string& word);

// Where the supplement lists are (base::assetsDir()/spelling unless $HEARD_ASSETS_DIR is set).
std::string spellingSupplementPath(const std::string& language);

} // namespace heard::model
