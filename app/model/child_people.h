// The child's people and homes (issue 18.2): who they are and what the child calls them, set by
// the practitioner before the tablet is handed over, each person pictured by one of a set of
// distinct figures (ages, genders, skin tones, a carer, a teacher, pets).
//
// Prompts in the content files name them through placeholders, filled in the child's language
// after translation (the Welsh msgstr carries the same placeholders):
//   {grown_ups}    every grown-up ticked as "in the arguments / at home": "Mummy and Steve"
//   {grown_up_1}   the first of them, {grown_up_2} the second
//   {home_1}       the first home as the child names it, {home_2} the second (no ranking: the
//                  order is only the order they were written in)
// Without names each placeholder becomes neutral words ("the grown-ups", "one of your homes"),
// so a child whose people are not set still reads a sensible question.
//
// Stored as the record kind "child_people" (storage/record_kinds.h): a draft while the
// practitioner writes, a signed version per change, encrypted and synced like every record.
// These names are the practitioner's record of what the child calls people; names a child
// types in "My world" are the child's own words and live in the activity's answers instead.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace heard::model {

// One picture a person can have. The view draws each (app/tools/framework/view/figures.h).
struct FigureSpec {
    const char* id;   // stable, stored in records: "woman_a"
    const char* name; // msgid, a description of the picture ("Woman", "Dog"), never a role
    bool pet;
};
const std::vector<FigureSpec>& figures();
const FigureSpec* findFigure(const std::string& id);

struct ChildPerson {
    std::string id;       // stable within the list ("p1", "p2", ...)
    std::string name;     // what the child calls them ("Mummy"), as the practitioner heard it
    std::string figure;   // a figures() id; "" not chosen yet
    bool grownUp = false; // one of the grown-ups the prompts about home and arguments mean
    bool operator==(const ChildPerson& o) const {
        return id == o.id && name == o.name && figure == o.figure && grownUp == o.grownUp;
    }
};

struct ChildHome {
    std::string id;   // "h1", "h2", ...
    std::string name; // what the child calls the home ("Mummy's flat")
    bool operator==(const ChildHome& o) const { return id == o.id && name == o.name; }
};

struct ChildPeople {
    std::vector<ChildPerson> people;
    std::vector<ChildHome> homes;

    // An id not used yet in the list ("p3"), so removing one never reuses another's id.
    std::string newPersonId() const;
    std::string newHomeId() const;
    // Names of grown-ups (ticked, with a name), in list order.
    std::vector<std::string> grownUpNames() const;
    std::vector<std::string> homeNames() const; // homes with a name, in list order
    bool operator==(const ChildPeople& o) const { return people == o.people && homes == o.homes; }
};

constexpr size_t kMaxPeople = 24;
constexpr size_t kMaxHomes = 6;
constexpr size_t kMaxNameBytes = 200;

nlohmann::json toJson(const ChildPeople& people);
// Throws std::invalid_argument naming the field for malformed input: not a list, a name that is
// not text or too long, an unknown figure, a duplicate id, too many people or homes.
ChildPeople childPeopleFromJson(const nlohmann::json& json);

// Names joined for the current i18n language: "Mummy", "Mummy and Steve", "Mummy, Steve and
// Dad"; in Welsh "a", or "ac" before a vowel.
std::string joinNames(const std::vector<std::string>& names);

// Fills the placeholders above in text already translated into the current i18n language.
// Unknown {words} are left as they are.
std::string personalise(const std::string& translated, const ChildPeople& people);
// True when the text holds any of the placeholders (the view then shows names, not msgids).
bool hasPlaceholders(const std::string& text);

} // namespace heard::model
