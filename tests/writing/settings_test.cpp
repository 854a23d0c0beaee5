// Issue 13.7, settings a practitioner can reach, on the real app through the test driver:
//   - the language and the text size are chosen by touch on the settings screen, take effect
//     at once, are kept in the encrypted store and come back at the next unlock;
//   - in Welsh, every string the tour screens ask for is translated (names and the
//     practitioner's own words are not msgids, so they are exempt), no English word of the
//     app's is drawn, and on the English screens no Welsh one (a message made before a switch);
//   - at text size HEARD_TEXT_SIZE (1.0, 1.5, 2.0: one CTest entry each), no tagged widget of
//     any tour screen lies outside the window, landscape or portrait, and every tap target is
//     at least 48 dp each way (the 0-10 scale's steps included).
#include "app/i18n/i18n.h"
#include "app/ui/settings.h"
#include "app/ui/tour.h"
#include "platform/ui_tags.h"
#include "tests/support/drawn_text.h"
#include "tests/workflow/workflow_harness.h"

#include <doctest/doctest.h>

#include <imgui_internal.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace heard;

namespace {

std::set<std::string>& missing() {
    static std::set<std::string> s_missing;
    return s_missing;
}

void noteMissing(const char* msgid) {
    missing().insert(msgid);
}

bool endsWith(const std::string& text, const std::string& end) {
    return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

std::string lowerAscii(std::string word) {
    for (char& c : word)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return word;
}

// Words as drawnWords() cuts them, from a source text (bytes past ASCII are letters).
void addWords(const std::string& text, std::set<std::string>& into) {
    std::string word;
    for (const char c : text) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (u >= 0x80 || std::isalnum(u) || c == '\'' || c == '-') {
            word += c;
        } else if (!word.empty()) {
            into.insert(lowerAscii(word));
            word.clear();
        }
    }
    if (!word.empty()) into.insert(lowerAscii(word));
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The words of cy.po's msgids (the app's English) and of its msgstrs (its Welsh).
struct CatalogueWords {
    std::set<std::string> english, welsh;
};

CatalogueWords catalogueWords() {
    CatalogueWords words;
    std::istringstream po(readFile(std::string(HEARD_SOURCE_DIR) + "/assets/i18n/cy.po"));
    std::string line;
    std::set<std::string>* into = nullptr;
    while (std::getline(po, line)) {
        if (line.rfind("msgid", 0) == 0)
            into = &words.english;
        else if (line.rfind("msgstr", 0) == 0)
            into = &words.welsh;
        else if (line.empty() || line[0] == '#')
            into = nullptr;
        const auto quote = line.find('"');
        if (!into || quote == std::string::npos) continue;
        std::string text = line.substr(quote);
        for (size_t at = 0; (at = text.find("\\n", at)) != std::string::npos;)
            text.replace(at, 2, " "); // a line break in the string, not the letter n
        addWords(text, *into);
    }
    return words;
}

std::set<std::string> onlyIn(const std::set<std::string>& these, const std::set<std::string>& notThose) {
    std::set<std::string> only;
    for (const std::string& w : these)
        if (!notThose.count(w)) only.insert(w);
    return only;
}

// English words no msgstr uses: drawn on a Welsh screen, English the practitioner was not meant
// to see.
std::set<std::string> englishOnlyWords() {
    const CatalogueWords words = catalogueWords();
    return onlyIn(words.english, words.welsh);
}

// Welsh words no msgid uses: drawn on an English screen, a message made in Welsh that stayed.
std::set<std::string> welshOnlyWords() {
    const CatalogueWords words = catalogueWords();
    return onlyIn(words.welsh, words.english);
}

// Words of the fictional caseload and the tour's own entries: the practitioner's and the
// child's words are data, drawn as they were written whatever the app's language.
std::set<std::string> demoDataWords() {
    std::set<std::string> words;
    for (const char* file : {"/app/model/demo_caseload.cpp", "/app/ui/tour.cpp", "/app/ui/tour_court.cpp",
                             "/app/ui/tour_practitioner.cpp"}) {
        const std::string source = readFile(std::string(HEARD_SOURCE_DIR) + file);
        // The text inside each string literal ("...", with \" escapes).
        std::string literal;
        bool inside = false;
        for (size_t i = 0; i < source.size(); ++i) {
            const char c = source[i];
            if (!inside) {
                inside = c == '"';
            } else if (c == '\\' && i + 1 < source.size()) {
                const char escaped = source[++i];
                literal += escaped == 'n' ? ' ' : escaped;
            } else if (c == '"') {
                addWords(literal, words);
                literal.clear();
                inside = false;
            } else {
                literal += c;
            }
        }
    }
    return words;
}

// Words of another language drawn on the tour's screens, by stop.
struct ForeignWords {
    std::map<std::string, std::set<std::string>> found;
    size_t wordsRead = 0;
    std::string report() const {
        std::ostringstream out;
        for (const auto& [stop, words] : found) {
            out << stop << ":";
            for (const std::string& word : words)
                out << " " << word;
            out << "\n";
        }
        return out.str();
    }
};

// Walks the tour and reads what each stop drew where it is shown in `language` (the app's, and in
// child mode the activity's: some stops show another on purpose, such as a Welsh letter read by an
// English-speaking practitioner). A word of `foreign` counts unless it is the demo data's (names,
// the practitioner's and the child's own words) or in `exempt`. startIn: the language each stop
// starts in, its "-en" stops passed by; "" starts each where the stop before left it, as a
// practitioner's switch in Settings does.
ForeignWords foreignWordsDrawn(const std::string& language, const std::set<std::string>& foreign,
                               const std::set<std::string>& exempt, const std::string& startIn) {
    const std::set<std::string> data = demoDataWords();
    test::WorkflowApp w(0, 1280, 800);
    ForeignWords result;
    for (const ui::TourStop& stop : ui::tourStops()) {
        if (!startIn.empty()) {
            if (endsWith(stop.name, "-en")) continue; // shown in English on purpose
            i18n::setLanguage(startIn);
        }
        stop.prepare(*w.app);
        w.driver->frames(3);
        if (i18n::language() != language) continue;
        const auto& childMode = w.app->editors().childMode;
        if (w.app->screen() == ui::ScreenId::ChildMode && childMode.session && childMode.session->run &&
            childMode.session->run->language() != language)
            continue;
        const std::vector<std::string> words = test::drawnWords(ImGui::GetDrawData());
        result.wordsRead += words.size();
        for (const std::string& word : words) {
            const std::string key = lowerAscii(word);
            const bool letters = std::any_of(
                key.begin(), key.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
            if (letters && foreign.count(key) && !data.count(key) && !exempt.count(key))
                result.found[stop.name].insert(word);
        }
    }
    i18n::setLanguage("en");
    return result;
}

float textSizeFromEnvironment() {
    const char* value = std::getenv("HEARD_TEXT_SIZE");
    return value && *value ? std::strtof(value, nullptr) : 0.0f;
}

} // namespace

TEST_CASE("language and text size are chosen by touch, take effect at once and stay with the practitioner") {
    if (textSizeFromEnvironment() > 0.0f) return; // the text-size entries run only the walk below
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    const float base = w.window->scale();
    REQUIRE(w.driver->has("caseload.settings"));
    w.driver->tap("caseload.settings");
    REQUIRE((w.app->screen() == ui::ScreenId::Settings));
    CHECK(w.driver->has("settings.language.en"));
    w.driver->tap("settings.language.cy");
    CHECK(i18n::language() == "cy");
    CHECK(w.store().setting("ui.language").value_or("") == "cy");
    w.driver->tap("settings.text_size.150");
    w.driver->frames(2);
    CHECK(w.window->textSize() == doctest::Approx(1.5f));
    CHECK(w.window->scale() == doctest::Approx(base * 1.5f));
    CHECK(w.driver->rect("settings.text_size.150").height() >= 48.0f * 1.5f - 0.5f);

    // Lock, and start as a fresh app would: English at 100%. The unlock brings them back.
    w.driver->tap("nav.back");
    w.driver->tap("caseload.lock");
    i18n::setLanguage("en");
    w.window->setTextSize(1.0f);
    w.driver->frames(2);
    CHECK(w.window->scale() == doctest::Approx(base));
    w.unlockDemo();
    w.driver->frames(2);
    CHECK(i18n::language() == "cy");
    CHECK(w.window->textSize() == doctest::Approx(1.5f));

    // Back to English and 100% by touch.
    w.driver->tap("caseload.settings");
    w.driver->tap("settings.language.en");
    w.driver->tap("settings.text_size.100");
    w.driver->frames(2);
    CHECK(i18n::language() == "en");
    CHECK(w.window->scale() == doctest::Approx(base));
    CHECK(w.store().setting("ui.text_size").value_or("") == "1.00");
}

TEST_CASE("in Welsh every string on the tour screens is translated") {
    if (textSizeFromEnvironment() > 0.0f) return;
    test::WorkflowApp w(0, 1280, 800);
    std::ostringstream report;
    i18n::setMissingTranslationObserver(noteMissing);
    for (const ui::TourStop& stop : ui::tourStops()) {
        if (endsWith(stop.name, "-en")) continue; // shown in English on purpose
        i18n::setLanguage("cy");
        stop.prepare(*w.app);
        missing().clear();
        w.driver->frames(3);
        for (const std::string& msgid : missing())
            report << stop.name << ": \"" << msgid << "\"\n";
    }
    i18n::setMissingTranslationObserver(nullptr);
    i18n::setLanguage("en");
    INFO("English left on Welsh screens:\n" << report.str());
    CHECK(report.str().empty());
}

TEST_CASE("no English word of the app's own is drawn on a Welsh tour screen, however the string was made") {
    if (textSizeFromEnvironment() > 0.0f) return;
    // The check above sees only strings asked for through _(); this one reads what each frame
    // drew, so English typed straight into a screen, or built at run time, is caught too.
    const std::set<std::string> englishOnly = englishOnlyWords();
    REQUIRE(englishOnly.size() > 300);
    REQUIRE(englishOnly.count("save"));
    // The language switch names each language in itself ("English" on a Welsh screen).
    const ForeignWords english = foreignWordsDrawn("cy", englishOnly, {"english"}, /*startIn=*/"cy");
    CHECK(english.wordsRead > 2000); // the reader sees the screens' text at all
    INFO("English drawn on Welsh screens:\n" << english.report());
    CHECK(english.found.empty());
}

TEST_CASE("no Welsh word of the app's own is drawn on an English tour screen, whatever was shown before") {
    if (textSizeFromEnvironment() > 0.0f) return;
    // The tour switches language between stops as a practitioner may in Settings: a message made
    // in Welsh (a notice after signing) must not stay Welsh on the English screens that follow.
    const std::set<std::string> welshOnly = welshOnlyWords();
    REQUIRE(welshOnly.size() > 300);
    REQUIRE(welshOnly.count("cadw")); // "save"
    const ForeignWords welsh = foreignWordsDrawn("en", welshOnly, {"cymraeg"}, /*startIn=*/"");
    CHECK(welsh.wordsRead > 2000);
    INFO("Welsh drawn on English screens:\n" << welsh.report());
    CHECK(welsh.found.empty());
}

TEST_CASE("no tagged widget of any tour screen lies outside the window at this text size") {
    const float size = textSizeFromEnvironment();
    if (size <= 0.0f) return;
    test::WorkflowApp w(0, 1280, 800);
    w.window->setTextSize(size);
    w.driver->frames(2);
    std::ostringstream report, small;
    int checked = 0, targets = 0;
    const float dp48 = 48.0f * w.window->scale();
    for (const ui::TourSize& shape : ui::kTourSizes) {
        w.window->setSize(shape.width, shape.height);
        for (const ui::TourStop& stop : ui::tourStops()) {
            if (endsWith(stop.name, "-cy") && size != 2.0f) continue; // Welsh is longer: at 2.0 both
            stop.prepare(*w.app);
            w.driver->frames(3);
            const auto& tags = platform::TagRegistry::instance();
            for (const std::string& name : tags.visibleTags()) {
                const platform::TagRect* r = tags.find(name);
                if (!r) continue;
                ++checked;
                // Across: always inside. Down: inside unless a window scrolls it into view.
                const bool across = r->x0 >= -1.0f && r->x1 <= float(shape.width) + 1.0f;
                const bool down =
                    r->scrollWindow != 0 || (r->y0 >= -1.0f && r->y1 <= float(shape.height) + 1.0f);
                if (!across || !down)
                    report << shape.name << " " << stop.name << ": " << name << " at (" << r->x0 << ", "
                           << r->y0 << ")-(" << r->x1 << ", " << r->y1 << ")\n";
                // Every tap target still at least 48 dp each way at this size (the 0-10 scale's
                // steps go onto two rows rather than shrink).
                if (r->tappable && !r->disabled && r->shown) {
                    ++targets;
                    if (r->width() < dp48 - 0.5f || r->height() < dp48 - 0.5f)
                        small << shape.name << " " << stop.name << ": " << name << " " << r->width() << "x"
                              << r->height() << "\n";
                }
            }
        }
    }
    w.window->setTextSize(1.0f);
    i18n::setLanguage("en");
    INFO("text size " << size << ", widgets outside the window:\n" << report.str());
    CHECK(checked > 500);
    CHECK(report.str().empty());
    INFO("text size " << size << ", targets under 48 dp (" << dp48 << " px):\n" << small.str());
    CHECK(targets > 500);
    CHECK(small.str().empty());
}
