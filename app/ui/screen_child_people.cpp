// The child's people and homes (issue 18.2), set by the practitioner before handing the tablet
// over: what the child calls each person and home, and each person's picture. The prompts use
// these names ("When Mummy and Steve argue"); nothing is pre-filled for any child.
#include "app/i18n/i18n.h"
#include "app/tools/framework/view/figures.h"
#include "app/tools/framework/view/step_views.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/screens.h"

#include <algorithm>
#include <stdexcept>

namespace heard::ui {

namespace {

// The figures to choose from for one person, as big tiles with their names.
bool figureChooser(model::ChildPerson& person, float width) {
    const float tile = tools::figureTileSide();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const int perRow = std::max(1, int((width + spacing) / (tile + spacing)));
    int column = 0;
    bool chosen = false;
    for (const model::FigureSpec& figure : model::figures()) {
        const std::string tagName = "people." + person.id + ".figure." + figure.id;
        if (tools::pictureButton(
                figure.id, tagName.c_str(), _(figure.name), tile, person.figure == figure.id,
                [&](ImDrawList* dl, ImVec2 c, float s) { tools::drawFigure(dl, figure.id, c, s * 1.1f); })) {
            person.figure = figure.id;
            chosen = true;
        }
        if (++column < perRow)
            ImGui::SameLine();
        else
            column = 0;
    }
    if (column != 0) ImGui::NewLine();
    return chosen;
}

} // namespace

void drawChildPeopleRecord(const nlohmann::json& payload) {
    model::ChildPeople people;
    try {
        people = model::childPeopleFromJson(payload);
    } catch (const std::invalid_argument& e) {
        mutedText(e.what());
        return;
    }
    sectionHeader(_("People"));
    const float side = ImGui::GetTextLineHeight() * 2.5f;
    for (const model::ChildPerson& person : people.people) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        tools::drawFigure(ImGui::GetWindowDrawList(), person.figure.empty() ? "someone" : person.figure,
                          ImVec2(at.x + side / 2, at.y + side / 2), side);
        ImGui::Dummy(ImVec2(side, side));
        ImGui::SameLine();
        const model::FigureSpec* figure = model::findFigure(person.figure);
        std::string line = person.name;
        if (figure) line += std::string("  (") + _(figure->name) + ")";
        if (person.grownUp) line += std::string("  ") + _("One of the grown-ups at home");
        ImGui::TextUnformatted(line.c_str());
    }
    sectionHeader(_("Homes"));
    for (const model::ChildHome& home : people.homes)
        ImGui::BulletText("%s", home.name.c_str());
}

void drawChildPeopleScreen(App& app, Actions& actions) {
    beginScreen("##child_people");
    PeopleEditor& form = app.editors().people;
    if (childScreenHeader(app, _("< Child"), _("The child's people")))
        actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    mutedText(
        _("Before handing the tablet over: the people and homes in the child's life, with the names the "
          "child uses for them. The activities' questions use these names; without them the questions "
          "say \"the grown-ups\" and \"one of your homes\"."));
    const float width = ImGui::GetContentRegionAvail().x;

    sectionHeader(_("People"));
    std::string removePerson;
    for (model::ChildPerson& person : form.people.people) {
        ImGui::PushID(person.id.c_str());
        const std::string prefix = "people." + person.id;
        // The picture chosen (tap to change it), then the name beside it.
        const float tile = tools::figureTileSide();
        const model::FigureSpec* figure = model::findFigure(person.figure);
        const char* caption = figure ? _(figure->name) : _("Choose a picture");
        if (tools::pictureButton("##picture", (prefix + ".picture").c_str(), caption, tile,
                                 form.choosingFigureFor == person.id, [&](ImDrawList* dl, ImVec2 c, float s) {
                                     tools::drawFigure(dl, person.figure.empty() ? "someone" : person.figure,
                                                       c, s * 1.1f);
                                 }))
            form.choosingFigureFor = form.choosingFigureFor == person.id ? std::string() : person.id;
        ImGui::SameLine();
        ImGui::BeginGroup();
        if (textField(_("What the child calls them"), nullptr, person.name, (prefix + ".name").c_str(), 1))
            form.markEdited();
        if (bigCheckbox(
                _("One of the grown-ups at home (named in questions about the grown-ups and arguments)"),
                person.grownUp, (prefix + ".grown_up").c_str()))
            form.markEdited();
        if (bigButton(_("Remove"), (prefix + ".remove").c_str())) removePerson = person.id;
        ImGui::EndGroup();
        if (form.choosingFigureFor == person.id) {
            mutedText(_("Choose the picture the child says looks most like them."));
            if (figureChooser(person, width)) {
                form.choosingFigureFor.clear();
                form.markEdited();
            }
        }
        ImGui::Separator();
        ImGui::PopID();
    }
    if (!removePerson.empty()) {
        auto& list = form.people.people;
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [&](const model::ChildPerson& p) { return p.id == removePerson; }),
                   list.end());
        form.markEdited();
    }
    ImGui::BeginDisabled(form.people.people.size() >= model::kMaxPeople);
    if (bigButton(_("Add a person"), "people.add_person")) {
        model::ChildPerson person;
        person.id = form.people.newPersonId();
        form.people.people.push_back(person);
        form.choosingFigureFor = person.id;
        form.markEdited();
    }
    ImGui::EndDisabled();

    sectionHeader(_("Homes"));
    mutedText(_("In the order you write them; neither comes first for the child."));
    std::string removeHome;
    for (model::ChildHome& home : form.people.homes) {
        ImGui::PushID(home.id.c_str());
        const std::string prefix = "people." + home.id;
        if (textField(_("What the child calls this home"), nullptr, home.name, (prefix + ".name").c_str(), 1))
            form.markEdited();
        if (bigButton(_("Remove"), (prefix + ".remove").c_str())) removeHome = home.id;
        ImGui::PopID();
    }
    if (!removeHome.empty()) {
        auto& list = form.people.homes;
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [&](const model::ChildHome& h) { return h.id == removeHome; }),
                   list.end());
        form.markEdited();
    }
    ImGui::BeginDisabled(form.people.homes.size() >= model::kMaxHomes);
    if (bigButton(_("Add a home"), "people.add_home")) {
        model::ChildHome home;
        home.id = form.people.newHomeId();
        form.people.homes.push_back(home);
        form.markEdited();
    }
    ImGui::EndDisabled();

    ImGui::Spacing();
    const std::vector<std::string> problems = form.problems();
    for (const std::string& problem : problems) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(problem.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        tag("people.problem");
    }
    if (primaryButton(_("Save for this child"), "people.save", dp(300)))
        actions.later([](App& a) { a.editors().people.sign(a); });
    endScreen();
}

} // namespace heard::ui
