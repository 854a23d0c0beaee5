#include "app/model/child_people.h"

#include "app/i18n/i18n.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>
#include <string_view>

namespace heard::model {

const std::vector<FigureSpec>& figures() {
    // Descriptions of the pictures, never roles: who a person is to the child is the name the
    // child uses. Ages, genders and skin tones vary (the view draws each one differently).
    static const std::vector<FigureSpec> s_figures = {
        {"woman", N_("Woman"), false},
        {"man_beard", N_("Man with a beard"), false},
        {"woman_hijab", N_("Woman in a hijab"), false},
        {"man", N_("Man"), false},
        {"older_woman", N_("Older woman"), false},
        {"older_man", N_("Older man"), false},
        {"teenager", N_("Teenager"), false},
        {"girl", N_("Girl"), false},
        {"boy", N_("Boy"), false},
        {"baby", N_("Baby"), false},
        {"carer", N_("Carer"), false},
        {"teacher", N_("Teacher"), false},
        {"someone", N_("Someone"), false},
        {"dog", N_("Dog"), true},
        {"cat", N_("Cat"), true},
    };
    return s_figures;
}

const FigureSpec* findFigure(const std::string& id) {
    for (const FigureSpec& figure : figures())
        if (id == figure.id) return &figure;
    return nullptr;
}

namespace {

template <typename T> std::string freshId(const std::vector<T>& list, char prefix) {
    for (size_t n = 1;; ++n) {
        const std::string id = prefix + std::to_string(n);
        if (std::none_of(list.begin(), list.end(), [&](const T& item) { return item.id == id; })) return id;
    }
}

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n'; });
}

std::string textField(const nlohmann::json& object, const char* key, const std::string& where) {
    const auto it = object.find(key);
    if (it == object.end()) return "";
    if (!it->is_string()) throw std::invalid_argument(where + "." + key + " must be text");
    const std::string text = it->get<std::string>();
    if (text.size() > kMaxNameBytes) throw std::invalid_argument(where + "." + key + " is too long");
    return text;
}

const nlohmann::json& listField(const nlohmann::json& json, const char* key, size_t limit) {
    static const nlohmann::json s_empty = nlohmann::json::array();
    const auto it = json.find(key);
    if (it == json.end()) return s_empty;
    if (!it->is_array()) throw std::invalid_argument(std::string(key) + " must be a list");
    if (it->size() > limit) throw std::invalid_argument(std::string("too many ") + key);
    return *it;
}

} // namespace

std::string ChildPeople::newPersonId() const {
    return freshId(people, 'p');
}

std::string ChildPeople::newHomeId() const {
    return freshId(homes, 'h');
}

std::vector<std::string> ChildPeople::grownUpNames() const {
    std::vector<std::string> names;
    for (const ChildPerson& person : people)
        if (person.grownUp && !blank(person.name)) names.push_back(person.name);
    return names;
}

std::vector<std::string> ChildPeople::homeNames() const {
    std::vector<std::string> names;
    for (const ChildHome& home : homes)
        if (!blank(home.name)) names.push_back(home.name);
    return names;
}

nlohmann::json toJson(const ChildPeople& people) {
    nlohmann::json out = {{"people", nlohmann::json::array()}, {"homes", nlohmann::json::array()}};
    for (const ChildPerson& person : people.people)
        out["people"].push_back({{"id", person.id},
                                 {"name", person.name},
                                 {"figure", person.figure},
                                 {"grown_up", person.grownUp}});
    for (const ChildHome& home : people.homes)
        out["homes"].push_back({{"id", home.id}, {"name", home.name}});
    return out;
}

ChildPeople childPeopleFromJson(const nlohmann::json& json) {
    if (!json.is_object()) throw std::invalid_argument("the child's people must be an object");
    ChildPeople out;
    std::set<std::string> ids;
    const nlohmann::json& people = listField(json, "people", kMaxPeople);
    for (size_t i = 0; i < people.size(); ++i) {
        const std::string where = "people[" + std::to_string(i) + "]";
        if (!people[i].is_object()) throw std::invalid_argument(where + " must be an object");
        ChildPerson person;
        person.id = textField(people[i], "id", where);
        person.name = textField(people[i], "name", where);
        person.figure = textField(people[i], "figure", where);
        const auto grownUp = people[i].find("grown_up");
        if (grownUp != people[i].end()) {
            if (!grownUp->is_boolean())
                throw std::invalid_argument(where + ".grown_up must be true or false");
            person.grownUp = grownUp->get<bool>();
        }
        if (person.id.empty()) throw std::invalid_argument(where + ".id is missing");
        if (!person.figure.empty() && !findFigure(person.figure))
            throw std::invalid_argument(where + ".figure is not a known figure: " + person.figure);
        if (!ids.insert(person.id).second) throw std::invalid_argument(where + ".id is used twice");
        out.people.push_back(person);
    }
    const nlohmann::json& homes = listField(json, "homes", kMaxHomes);
    for (size_t i = 0; i < homes.size(); ++i) {
        const std::string where = "homes[" + std::to_string(i) + "]";
        if (!homes[i].is_object()) throw std::invalid_argument(where + " must be an object");
        ChildHome home;
        home.id = textField(homes[i], "id", where);
        home.name = textField(homes[i], "name", where);
        if (home.id.empty()) throw std::invalid_argument(where + ".id is missing");
        if (!ids.insert(home.id).second) throw std::invalid_argument(where + ".id is used twice");
        out.homes.push_back(home);
    }
    return out;
}

std::string joinNames(const std::vector<std::string>& names) {
    if (names.empty()) return "";
    std::string out = names[0];
    const bool welsh = i18n::language() == "cy";
    for (size_t i = 1; i < names.size(); ++i) {
        if (i + 1 < names.size()) {
            out += ", " + names[i];
            continue;
        }
        std::string word = _("and");
        // Welsh "a" becomes "ac" before a vowel ("Steve ac Ann").
        const char first = names[i].empty() ? 'x' : char(std::tolower((unsigned char)names[i][0]));
        if (welsh && std::string("aeiouwy").find(first) != std::string::npos) word = "ac";
        out += " " + word + " " + names[i];
    }
    return out;
}

std::string personalise(const std::string& translated, const ChildPeople& people) {
    if (!hasPlaceholders(translated)) return translated;
    const std::vector<std::string> grownUps = people.grownUpNames();
    const std::vector<std::string> homes = people.homeNames();
    const std::pair<const char*, std::string> fills[] = {
        {"{grown_ups}", grownUps.empty() ? std::string(_("the grown-ups")) : joinNames(grownUps)},
        {"{grown_up_1}", grownUps.size() > 0 ? grownUps[0] : std::string(_("one of your grown-ups"))},
        {"{grown_up_2}", grownUps.size() > 1 ? grownUps[1] : std::string(_("another of your grown-ups"))},
        {"{home_1}", homes.size() > 0 ? homes[0] : std::string(_("one of your homes"))},
        {"{home_2}", homes.size() > 1 ? homes[1] : std::string(_("your other home"))},
    };
    const bool welsh = i18n::language() == "cy";
    std::string out;
    out.reserve(translated.size() + 32);
    size_t i = 0;
    while (i < translated.size()) {
        bool filled = false;
        if (translated[i] == '{')
            for (const auto& [placeholder, value] : fills) {
                const std::string_view key(placeholder);
                if (translated.compare(i, key.size(), key) == 0) {
                    // Welsh "yr" after a vowel is "'r": "mae'r oedolion", "Ydy'r oedolion".
                    if (welsh && value.rfind("yr ", 0) == 0 && out.size() >= 2 && out.back() == ' ' &&
                        std::string("aeiouwy").find(char(std::tolower((unsigned char)out[out.size() - 2]))) !=
                            std::string::npos) {
                        out.pop_back();
                        out += "'r" + value.substr(2);
                    } else {
                        out += value; // the name as written: never re-read for placeholders
                    }
                    i += key.size();
                    filled = true;
                    break;
                }
            }
        if (!filled) out += translated[i++];
    }
    // A sentence that starts with a placeholder's neutral words starts with a capital.
    if (!out.empty() && translated[0] == '{' && out[0] >= 'a' && out[0] <= 'z')
        out[0] = char(out[0] - 'a' + 'A');
    return out;
}

bool hasPlaceholders(const std::string& text) {
    for (const char* key : {"{grown_ups}", "{grown_up_1}", "{grown_up_2}", "{home_1}", "{home_2}"})
        if (text.find(key) != std::string::npos) return true;
    return false;
}

} // namespace heard::model
