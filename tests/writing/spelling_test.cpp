// Issue 13.2: spelling in British English and Welsh with GNU Aspell, on the tablet.
//   - the Welsh rules: short forms with an apostrophe judged by their stem, the reviewed
//     supplement list; false alarms counted on our own assets/i18n/cy.po;
//   - in the real app: a misspelt English word in a practitioner's note and a misspelt Welsh
//     word in a Welsh-speaking child's own words are underlined; a suggestion replaces the
//     English one (one undoable edit); "add to my words" keeps a word in the encrypted store.
#include "app/model/spelling.h"
#include "app/ui/kit/text_area.h"
#include "app/ui/spelling_service.h"
#include "tests/workflow/workflow_harness.h"

#include <doctest/doctest.h>

#include <SDL.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

using namespace heard;

namespace {

// Every msgstr of a .po file, unescaped, format directives removed.
std::vector<std::string> translations(const std::string& path) {
    std::ifstream in(path);
    REQUIRE_MESSAGE(in, "cannot open " << path);
    std::vector<std::string> out;
    std::string line, current, msgid;
    bool inMsgstr = false, inMsgid = false;
    auto unquote = [](const std::string& s) {
        const size_t a = s.find('"'), b = s.rfind('"');
        std::string raw = a == std::string::npos || b <= a ? "" : s.substr(a + 1, b - a - 1);
        std::string o;
        for (size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '\\' && i + 1 < raw.size()) {
                ++i;
                o += raw[i] == 'n' ? ' ' : raw[i];
            } else {
                o += raw[i];
            }
        }
        return o;
    };
    auto flush = [&] {
        if (inMsgstr && !current.empty() && !msgid.empty()) // not the header (msgid "")
            out.push_back(std::regex_replace(current, std::regex("%[-0-9.]*(zu|lld|ld|[sdfuc%])"), " "));
        current.clear();
        inMsgstr = false;
    };
    while (std::getline(in, line)) {
        if (line.rfind("msgstr", 0) == 0) {
            flush();
            inMsgid = false;
            inMsgstr = true;
            current = unquote(line);
        } else if (line.rfind("msgid ", 0) == 0) {
            flush();
            inMsgid = true;
            msgid = unquote(line);
        } else if (!line.empty() && line[0] == '"') {
            if (inMsgstr)
                current += unquote(line);
            else if (inMsgid)
                msgid += unquote(line);
        } else {
            flush();
            inMsgid = false;
        }
    }
    flush();
    return out;
}

// The words the text area would judge (its own word rule), with digits left out.
std::vector<std::string> wordsOf(const std::string& text) {
    std::vector<std::string> words;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t len = 1;
        const char32_t c = ui::text::decodeAt(text, pos, &len);
        if (!ui::text::isWordChar(c)) {
            pos += len;
            continue;
        }
        size_t b = pos, e = pos;
        ui::text::wordAt(text, pos, b, e);
        if (e <= pos) e = pos + len;
        words.push_back(text.substr(b, e - b));
        pos = e;
    }
    return words;
}

bool underlined(const ui::TextAreaProbe& p, const std::string& text, const std::string& word) {
    const size_t at = text.find(word);
    for (const auto& [b, e] : p.misspelt)
        if (b == at && e == at + word.size()) return true;
    return false;
}

} // namespace

TEST_CASE("English: British spelling, suggestions, added words") {
    std::string error;
    auto en = model::Speller::open("en", error);
    REQUIRE_MESSAGE(en, error);
    CHECK(en->correct("colour"));
    CHECK(en->correct("organise"));
    CHECK(en->correct("child's"));
    CHECK(en->correct("child\xE2\x80\x99s")); // a curly apostrophe
    CHECK(en->correct("2026"));
    CHECK_FALSE(en->correct("chidl"));
    const auto suggestions = en->suggest("chidl");
    CHECK(std::find(suggestions.begin(), suggestions.end(), "child") != suggestions.end());
    CHECK_FALSE(en->correct("Brookfield"));
    en->addWord("Brookfield");
    CHECK(en->correct("Brookfield"));
    en->clearAddedWords();
    CHECK_FALSE(en->correct("Brookfield"));
}

TEST_CASE("a hyphenated word is judged part by part") {
    std::string error;
    auto en = model::Speller::open("en", error);
    REQUIRE_MESSAGE(en, error);
    CHECK(model::hyphenParts("kitchen-table") == std::vector<std::string>{"kitchen", "table"});
    CHECK(model::hyphenParts("-a--b-") == std::vector<std::string>{"a", "b"});
    // Not in the dictionary as one word, each part right: right.
    CHECK(en->correct("kitchen-table"));
    CHECK(en->correct("grandmother-in-law"));
    // A misspelt part is caught wherever it is.
    CHECK_FALSE(en->correct("kitchen-tabel"));
    CHECK_FALSE(en->correct("kichen-table"));
    CHECK_FALSE(en->correct("mother-in-lwa"));
    std::string cyError;
    auto cy = model::Speller::open("cy", cyError);
    REQUIRE_MESSAGE(cy, cyError);
    CHECK(cy->correct("cyd-destun"));    // in the Welsh dictionary as one word
    CHECK(cy->correct("plentyn-hapus")); // each part right
    CHECK_FALSE(cy->correct("plentyn-hapys"));
}

TEST_CASE("Welsh: short forms by their stem, the supplement list, real misspellings still caught") {
    std::string error;
    auto cy = model::Speller::open("cy", error);
    REQUIRE_MESSAGE(cy, error);
    for (const char* word : {"sy'n", "mae'r", "wedi'i", "hoffi'r", "i'r", "pham", "rhiant", "cyfrinair",
                             "plentyn", "d\xC5\xB5r", "t\xC5\xB7", "Mae'r"})
        CHECK_MESSAGE(cy->correct(word), word);
    for (const char* word : {"plentym", "hapys", "cyfrinaur", "sy'x"})
        CHECK_MESSAGE(!cy->correct(word), word);
    const auto suggestions = cy->suggest("plentym");
    CHECK(std::find(suggestions.begin(), suggestions.end(), "plentyn") != suggestions.end());
}

TEST_CASE("false alarms on our own Welsh catalogue stay at the reviewed number") {
    std::string error;
    auto cy = model::Speller::open("cy", error);
    REQUIRE_MESSAGE(cy, error);
    std::map<std::string, int> flagged;
    size_t words = 0;
    // A placeholder ("{grown_ups}", issue 18.2) is filled with the names of the child's people when
    // shown: it is not a word of the catalogue and is left out.
    const std::regex placeholder("\\{[a-z_0-9]+\\}");
    for (const auto& text : translations(std::string(HEARD_SOURCE_DIR) + "/assets/i18n/cy.po"))
        for (const auto& word : wordsOf(std::regex_replace(text, placeholder, " "))) {
            ++words;
            if (!cy->correct(word)) ++flagged[word];
        }
    int alarms = 0;
    std::ostringstream list;
    for (const auto& [word, count] : flagged) {
        alarms += count;
        list << " " << word << "(" << count << ")";
    }
    MESSAGE("cy.po: " << words << " words, " << alarms << " flagged (" << flagged.size()
                      << " distinct):" << list.str());
    std::printf("writing.spelling cy.po words %zu false_alarms %d distinct %zu\n", words, alarms,
                flagged.size());
    CHECK(words > 3000);
    // Reviewed: what is left is the app's name, "Demo", "cm" and a medical Latin term (10);
    // "SF", the Safeguarding Framework's abbreviation in paragraph references (12); and
    // "blwyddyn-mis-diwrnod", the date format the concern's time fields show (5). See
    // assets/spelling/cy-supplement.txt for what was added and why. Issue 16 added four (4):
    // "BBBB-MM-DD" (the Welsh date format), "SWYDDOGOL-SENSITIF" (the protective marking, a
    // hyphenated word checked as one), and "media" and "secure-drive" in the export's example path.
    // gaps21 (issue 21.4) added seven (7), the first-run welcome's: the app's name "Heard" four
    // times, and the command "heard --demo" and "Mae'r demo" ("heard" once, "demo" twice).
    // child (issue 18) merged with main: the nine genuine Welsh words it flagged went into the
    // supplement (see there); what is left is the list above, 33: Heard(8), heard(1), Demo(1),
    // demo(4), cm(1), Petechiae/petechiae(2), SF(12), BBBB-MM-DD(1), SWYDDOGOL-SENSITIF(1),
    // media(1), secure-drive(1). people (issue 18.2) added one (1): the loanword "hijab" in the
    // figure "Menyw mewn hijab" (a loanword: counted, not added to the supplement).
    // guide (issue 18.5) added six (6): "NS" four times, the National Standards' abbreviation in
    // "(NS 4.7)" like "SF" above, and "BBBB-MM-DD" twice in the date of sending a message to the
    // judge; its genuine Welsh words (rieni, ofalwyr) went into the supplement.
    // bodyset (issue 18.7) added two (2): "NICE", the guideline's name, twice in the skin map's
    // baby prompt and concern (NICE CG89); its Welsh words went into the supplement. 42 in all.
    CHECK(alarms <= 42);
}

TEST_CASE("in the app: misspelt words are underlined in the field's language; a suggestion replaces one") {
    test::WorkflowApp w(0, 1280, 4200);
    w.beginDemoVisit("child-demo-3"); // Ifan prefers Welsh
    const std::string visitId = w.app->editors().visit.draft.recordId;
    REQUIRE_FALSE(visitId.empty());

    // The practitioner writes in English: "chidl" is underlined, "colour" is not.
    const std::string note = "The chidl chose a colour and smiled. ";
    w.tapAndType("visit.what_happened", note);
    ui::TextAreaProbe p;
    REQUIRE(ui::textAreaProbe("visit.what_happened", p));
    CHECK(underlined(p, note, "chidl"));
    CHECK(p.misspelt.size() == 1);

    // A tap on the underlined word (the field has the keyboard) offers suggestions; the first
    // replaces it. "The chidl": the word is characters 4 to 9 of the first line.
    std::string error;
    auto en = model::Speller::open("en", error);
    REQUIRE(en);
    const auto suggestions = en->suggest("chidl");
    REQUIRE_FALSE(suggestions.empty());
    const float charWidth = p.lines[0].width / float(p.lines[0].end - p.lines[0].begin);
    w.driver->tapAt(p.textX + charWidth * 6.5f, p.textY + p.lineHeight * 0.5f);
    REQUIRE(w.driver->has("visit.what_happened.suggestion.0"));
    w.driver->tap("visit.what_happened.suggestion.0");
    const std::string after = w.app->editors().visit.visit.writeUp.value("what_happened", "");
    CHECK(after == "The " + suggestions[0] + " chose a colour and smiled. ");
    w.driver->frames(2);
    REQUIRE(ui::textAreaProbe("visit.what_happened", p));
    CHECK(p.misspelt.empty());

    // "Add to my words": a name the dictionary lacks stops being underlined and is kept in
    // the encrypted store's settings.
    w.tapAndType("visit.outcomes", "Spoke with Brookfield ");
    REQUIRE(ui::textAreaProbe("visit.outcomes", p));
    const std::string outcomes = "Spoke with Brookfield ";
    REQUIRE(underlined(p, outcomes, "Brookfield"));
    const float cw = p.lines[0].width / float(p.lines[0].end - p.lines[0].begin);
    w.driver->tapAt(p.textX + cw * 14.5f, p.textY + p.lineHeight * 0.5f);
    REQUIRE(w.driver->has("visit.outcomes.add_word"));
    w.driver->tap("visit.outcomes.add_word");
    w.driver->frames(3);
    REQUIRE(ui::textAreaProbe("visit.outcomes", p));
    CHECK(p.misspelt.empty());
    CHECK(w.store().setting(ui::myWordsSettingKey("en")).value_or("").find("Brookfield") !=
          std::string::npos);
    CHECK(w.app->editors().visit.visit.writeUp.value("outcomes", "") == outcomes);

    // The child's own words, in the child's language (Welsh): "hapys" is underlined, "Rwy'n" and
    // "hapus" are not, and nothing is changed by itself.
    w.driver->tap("visit.activity.three_wishes");
    w.driver->tap("handover.start"); // after its guidance (issue 18.5)
    REQUIRE((w.app->screen() == ui::ScreenId::ChildMode));
    const std::string words = "Rwy'n hapus ac yn hapys iawn ";
    w.tapAndType("words.input", words);
    REQUIRE(ui::textAreaProbe("words.input", p));
    CHECK(underlined(p, words, "hapys"));
    CHECK(p.misspelt.size() == 1);
    CHECK(w.app->editors().childMode.session->run->currentAnswer()->words == words);
}

TEST_CASE(
    "in the app: only the misspelt part of a hyphenated word is underlined; a lock closes every speller") {
    test::WorkflowApp w(0, 1280, 4200);
    w.beginDemoVisit();
    const std::string note = "At the kitchen-tabel with a well-loved book. ";
    w.tapAndType("visit.what_happened", note);
    ui::TextAreaProbe p;
    REQUIRE(ui::textAreaProbe("visit.what_happened", p));
    CHECK(underlined(p, note, "tabel"));
    CHECK(p.misspelt.size() == 1); // not "kitchen", not "well-loved"
    CHECK(ui::openSpellerCount() >= 1);

    // The practitioner's own word, kept in the store; then a lock: no speller stays open (the
    // words checked go with them).
    w.store().setSetting(ui::myWordsSettingKey("en"), "Applebridge\n");
    w.driver->tap("nav.back");
    w.driver->tap("nav.back");
    w.driver->tap("caseload.lock");
    w.driver->frames(2);
    REQUIRE_FALSE(w.app->unlocked());
    CHECK(ui::openSpellerCount() == 0);

    // After the next unlock the speller opens again when a field is checked, with the
    // practitioner's words.
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-1");
    w.driver->tap("child.continue_visit");
    const std::string more = "Spoke with Applebridge and Brokfield. ";
    w.tapAndType("visit.outcomes", more);
    REQUIRE(ui::textAreaProbe("visit.outcomes", p));
    CHECK(underlined(p, more, "Brokfield"));
    CHECK(p.misspelt.size() == 1);
    CHECK(ui::openSpellerCount() >= 1);
}
