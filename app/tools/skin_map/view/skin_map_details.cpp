// [SECTION] Prompts and problems
// [SECTION] The list of marks
// [SECTION] One mark's details
// [SECTION] About this record (header)
#include "app/tools/skin_map/view/skin_map_details.h"

#include "app/i18n/i18n.h"
#include "app/tools/skin_map/report/skin_map_render.h"
#include "app/tools/skin_map/view/skin_map_fields.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/kit/wrapped_text.h"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace heard::skinmap {

namespace {

std::string tagOf(const char* prefix, const char* id) {
    return std::string(prefix) + id;
}

void sectionTitle(const char* text) {
    ImGui::Spacing();
    ImGui::PushFont(ui::fonts().title);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void yesNoUnknown(const char* text, YesNoUnknown& value, const char* tagPrefix) {
    ImGui::TextUnformatted(text);
    flowStart();
    for (YesNoUnknown v : {YesNoUnknown::Yes, YesNoUnknown::No, YesNoUnknown::Unknown}) {
        const char* word = v == YesNoUnknown::Yes  ? _("Yes")
                           : v == YesNoUnknown::No ? _("No")
                                                   : _("Not known");
        if (choiceButton(word, value == v, tagOf(tagPrefix, toString(v)).c_str())) value = v;
    }
}

void checkbox(const char* text, bool& value, const char* tagName) {
    ui::bigCheckbox(text, value, tagName); // a touch target, its label wrapped
}

ImU32 swatch(Colour c) {
    switch (c) {
    case Colour::Red:
        return IM_COL32(200, 30, 30, 255);
    case Colour::Pink:
        return IM_COL32(240, 150, 170, 255);
    case Colour::Purple:
        return IM_COL32(110, 40, 130, 255);
    case Colour::Blue:
        return IM_COL32(40, 70, 170, 255);
    case Colour::Black:
        return IM_COL32(20, 20, 20, 255);
    case Colour::Green:
        return IM_COL32(90, 140, 60, 255);
    case Colour::Yellow:
        return IM_COL32(225, 200, 40, 255);
    case Colour::Brown:
        return IM_COL32(130, 80, 40, 255);
    case Colour::Grey:
        return IM_COL32(140, 140, 140, 255);
    }
    return IM_COL32(0, 0, 0, 255);
}

// [SECTION] Prompts and problems ---------------------------------------------------------------

// The body set (baby, toddler, child, teenager): chosen by the child's age when the map was
// started, changeable here until the first mark is placed (marks sit on the outline's shape).
// The choice is part of the map, so a reopened or synced map shows the same outlines.
void drawBodySetChoice(SkinMapViewState& state) {
    // The label is the first item of the flow, so the buttons follow it and wrap when narrow.
    flowStart();
    flowNext(ImGui::CalcTextSize(_("Outline:")).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(_("Outline:"));
    if (state.readOnly) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(_(bodyShapeTitle(state.map.bodyShape)));
        ui::tag("skinmap.bodyset.current");
        return;
    }
    const bool locked = !state.map.marks.empty();
    ImGui::BeginDisabled(locked);
    for (BodyShape s : bodySets()) {
        if (choiceButton(_(bodyShapeTitle(s)), state.map.bodyShape == s,
                         (std::string("skinmap.bodyset.") + toString(s)).c_str()) &&
            !locked)
            state.map.bodyShape = s;
    }
    ImGui::EndDisabled();
    if (!isOfferedBodySet(state.map.bodyShape)) {
        // An old map on the earlier child outline: it stays on it, so its marks stay in place.
        ui::sameLineIfFits(ui::dp(260));
        ImGui::AlignTextToFramePadding();
        ui::mutedText(_(bodyShapeTitle(state.map.bodyShape)));
        ui::tag("skinmap.bodyset.earlier");
    }
    // Beside the buttons, wrapped to the room left, so the toolbar keeps its height (and the
    // canvas its size) when the first mark locks the choice.
    const char* why = locked ? _("Fixed once a mark is placed: remove the marks to change it.")
                             : _("Set from the child's age; you can change it before the first mark.");
    ui::sameLineIfFits(std::min(ImGui::CalcTextSize(why).x, ui::dp(300)));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(ImGui::GetContentRegionAvail().x, ui::dp(120)));
    ImGui::PushStyleColor(ImGuiCol_Text, ui::colours::muted);
    ImGui::TextUnformatted(why);
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ui::tag(locked ? "skinmap.bodyset.why" : "skinmap.bodyset.hint");
    if (locked) // each disabled button's reason is this text (13.8: a disabled control says why)
        for (BodyShape s : bodySets())
            ui::tag((std::string("skinmap.bodyset.") + toString(s) + ".why").c_str());
}

// NICE CG89 on the baby set, from the moment the map opens: whether the baby is mobile is
// asked here, where it is seen, as well as in "About this record". Nothing is pre-selected.
void drawBabyPrompt(SkinMapViewState& state) {
    const char* prompt = babyPrompt(state.map);
    if (prompt[0] == '\0') return;
    ImGui::PushStyleColor(ImGuiCol_Text, ui::colours::danger);
    ImGui::PushTextWrapPos(0.0f);
    ui::wrappedText(_(prompt));
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ui::tag("skinmap.baby.prompt");
    if (state.readOnly) return;
    ImGui::TextUnformatted(_("Is the baby independently mobile?"));
    flowStart();
    const std::pair<Mobility, const char*> mobility[] = {{Mobility::IndependentlyMobile, N_("Yes")},
                                                         {Mobility::NotIndependentlyMobile, N_("No")}};
    for (const auto& [value, word] : mobility)
        if (choiceButton(_(word), state.map.header.mobility == value,
                         tagOf("skinmap.baby.mobility.", toString(value)).c_str()))
            state.map.header.mobility = value;
}

void drawPrompts(const SkinMapViewState& state) {
    const auto found = concerns(state.map);
    if (found.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, ui::colours::danger);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(_("High concern: this record is flagged for the manager."));
    for (const Concern& c : found) {
        std::string marks;
        for (int n : c.marks)
            marks += (marks.empty() ? "" : ", ") + std::to_string(n);
        ImGui::Bullet();
        ui::wrappedTextF("%s (%s %s)", _(c.message), _("marks"), marks.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ui::tag("skinmap.concerns");
}

void drawProblems(const SkinMapViewState& state) {
    if (state.signingProblems.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, ui::colours::warning);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(_("Not signed yet. Still needed:"));
    for (const Problem& p : state.signingProblems) {
        ImGui::Bullet();
        ui::wrappedText(_(p.message));
    }
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ui::tag("skinmap.problems");
}

// [SECTION] The list of marks ----------------------------------------------------------------

void drawMarkList(SkinMapViewState& state) {
    sectionTitle(_("Marks"));
    if (state.map.marks.empty()) {
        ui::mutedText(_("No marks yet. Tap the body where you can see a mark."));
        return;
    }
    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
    for (const Mark& m : state.map.marks) {
        ImGui::PushID(m.number);
        const std::string row = std::to_string(m.number) + ".  " + _(title(m.type)) + " - " +
                                _(m.regionName) + "  (" + _(viewTitle(m.view)) + ")";
        if (ui::selectableRow(row.c_str(), m.number == state.selectedMark,
                              ("skinmap.list." + std::to_string(m.number)).c_str())) {
            state.selectedMark = m.number;
            state.view = m.view; // show the mark where it is
        }
        ImGui::PopID();
    }
    ImGui::PopStyleVar();
}

// [SECTION] One mark's details -----------------------------------------------------------------

void drawExplanations(Mark& m) {
    ImGui::TextUnformatted(_("Explanations, in the speaker's own words"));
    int removeAt = -1;
    for (size_t i = 0; i < m.explanations.size(); ++i) {
        Explanation& e = m.explanations[i];
        ImGui::PushID(int(i));
        const std::string prefix = "skinmap.explanation." + std::to_string(i);
        flowStart();
        if (choiceButton(_("The child"), e.speaker == Speaker::Child, (prefix + ".child").c_str()))
            e.speaker = Speaker::Child;
        if (choiceButton(_("An adult"), e.speaker == Speaker::Adult, (prefix + ".adult").c_str()))
            e.speaker = Speaker::Adult;
        if (choiceButton(_("Remove"), false, (prefix + ".remove").c_str())) removeAt = int(i);
        textField(_("Who said it"), e.who, (prefix + ".who").c_str(), _("e.g. the child, mother, teacher"));
        textArea(_("Their words, exactly as said"), e.words, (prefix + ".words").c_str(), 2.5f);
        ImGui::PopID();
    }
    if (removeAt >= 0) m.explanations.erase(m.explanations.begin() + removeAt);
    flowStart();
    if (choiceButton(_("+ The child's words"), false, "skinmap.explanation.addChild"))
        m.explanations.push_back({Speaker::Child, _("the child"), ""});
    if (choiceButton(_("+ An adult's words"), false, "skinmap.explanation.addAdult"))
        m.explanations.push_back({Speaker::Adult, "", ""});
}

void drawMarkDetails(SkinMapViewState& state) {
    Mark* m = state.map.mark(state.selectedMark);
    if (!m) return;
    ImGui::PushID("details");
    sectionTitle(
        (std::string(_("Mark")) + " " + std::to_string(m->number) + ": " + _(m->regionName)).c_str());
    ui::mutedText(_("Record what you see, not a guess at the cause."));

    ImGui::TextUnformatted(_("What it looks like"));
    if (isEarlierInjuryType(m->type)) {
        // Kept as it was recorded; the practitioner may describe it afresh below.
        ui::wrappedTextF("%s %s", _("Recorded as:"), _(title(m->type)));
        ui::tag("skinmap.type.earlier");
    }
    flowStart();
    for (InjuryType t : allInjuryTypes())
        if (t != InjuryType::NotRecorded &&
            choiceButton(_(title(t)), m->type == t, tagOf("skinmap.type.", toString(t)).c_str()))
            m->type = t;

    ImGui::TextUnformatted(_("Approximate size (cm)"));
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
    ImGui::InputDouble(_("long"), &m->lengthCm, 0.0, 0.0, "%.1f", ImGuiInputTextFlags_AutoSelectAll);
    ui::tag("skinmap.length");
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
    ImGui::InputDouble(_("wide"), &m->widthCm, 0.0, 0.0, "%.1f", ImGuiInputTextFlags_AutoSelectAll);
    ui::tag("skinmap.width");
    m->lengthCm = std::clamp(m->lengthCm, 0.0, 100.0);
    m->widthCm = std::clamp(m->widthCm, 0.0, 100.0);

    ImGui::TextUnformatted(_("Shape"));
    flowStart();
    for (MarkShape s : allMarkShapes())
        if (s != MarkShape::NotRecorded &&
            choiceButton(_(title(s)), m->shape == s, tagOf("skinmap.shape.", toString(s)).c_str()))
            m->shape = s;

    ImGui::TextUnformatted(_("Every colour present"));
    flowStart();
    for (Colour c : allColours()) {
        const bool on = std::find(m->colours.begin(), m->colours.end(), c) != m->colours.end();
        const char* name = _(title(c));
        flowNext(ImGui::CalcTextSize(name).x + ui::dp(64));
        ImGui::PushID(int(c));
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float box = ui::dp(18);
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + ui::dp(15)),
                                                  ImVec2(at.x + box, at.y + ui::dp(15) + box), swatch(c),
                                                  ui::dp(3));
        ImGui::Dummy(ImVec2(box + ui::dp(4), ui::touchTarget()));
        ImGui::SameLine();
        if (choiceButton(name, on, tagOf("skinmap.colour.", toString(c)).c_str())) {
            if (on)
                m->colours.erase(std::remove(m->colours.begin(), m->colours.end(), c), m->colours.end());
            else
                m->colours.push_back(c);
        }
        ImGui::PopID();
    }

    yesNoUnknown(_("Skin broken?"), m->skinBroken, "skinmap.broken.");
    checkbox(_("Swelling"), m->swelling, "skinmap.swelling");
    ImGui::SameLine();
    checkbox(_("Scab"), m->scab, "skinmap.scab");
    ImGui::SameLine();
    checkbox(_("Blister"), m->blister, "skinmap.blister");
    ImGui::SameLine();
    checkbox(_("Bleeding"), m->bleeding, "skinmap.bleeding");

    ImGui::TextUnformatted(_("Healing or worsening?"));
    flowStart();
    const std::pair<Progress, const char*> progress[] = {{Progress::Healing, N_("Healing")},
                                                         {Progress::Worsening, N_("Worsening")},
                                                         {Progress::Unchanged, N_("Unchanged")},
                                                         {Progress::NotKnown, N_("Not known")}};
    for (const auto& [value, word] : progress)
        if (choiceButton(_(word), m->progress == value, tagOf("skinmap.progress.", toString(value)).c_str()))
            m->progress = value;
    yesNoUnknown(_("Pain or limited movement?"), m->painOrLimitedMovement, "skinmap.pain.");
    checkbox(_("Looks like the imprint of an object"), m->imprintOfObject, "skinmap.imprint");
    checkbox(_("Petechiae (pinpoint red spots)"), m->petechiae, "skinmap.petechiae");

    textArea(_("What you see"), m->description, "skinmap.description");
    drawExplanations(*m);
    textField(_("How the child feels about it (their words)"), m->childFeelings, "skinmap.feelings");
    textField(_("Who found it"), m->foundBy, "skinmap.foundBy");
    textField(_("Observed by"), m->observedBy, "skinmap.observedBy");
    textField(_("Seen at (date and time)"), m->observedAt, "skinmap.observedAt", "2026-11-23T10:15");
    ImGui::Spacing();
    if (ui::bigButton(_("Remove this mark"), "skinmap.remove")) {
        removeMark(state.map, m->number);
        state.selectedMark = 0;
    }
    ImGui::PopID();
}

// [SECTION] About this record (header) ---------------------------------------------------------

void drawHeader(SkinMapViewState& state) {
    SkinMapHeader& h = state.map.header;
    sectionTitle(_("About this record"));
    textField(_("Child"), h.childName, "skinmap.header.child");
    textField(_("Completed by (name)"), h.completedByName, "skinmap.header.completedBy");
    textField(_("Their role"), h.completedByRole, "skinmap.header.role");
    textField(_("Who gave the account"), h.accountGivenBy, "skinmap.header.accountBy");
    textField(_("When the marks were first noticed or disclosed"), h.firstNoticedAt,
              "skinmap.header.firstNoticed", "2026-11-23");
    textField(_("When this record was made"), h.recordedAt, "skinmap.header.recordedAt", "2026-11-23T10:30");
    ImGui::TextUnformatted(_("Is the child independently mobile?"));
    flowStart();
    const std::pair<Mobility, const char*> mobility[] = {
        {Mobility::IndependentlyMobile, N_("Yes")},
        {Mobility::NotIndependentlyMobile, N_("No (baby or not mobile)")},
        {Mobility::Unknown, N_("Not recorded")}};
    for (const auto& [value, word] : mobility)
        if (choiceButton(_(word), h.mobility == value, tagOf("skinmap.mobility.", toString(value)).c_str()))
            h.mobility = value;
    textArea(_("Pattern, if marks are clustered"), state.map.patternNotes, "skinmap.pattern", 2.0f);
}

} // namespace

void drawSkinMapPanel(SkinMapViewState& state, SkinMapViewActions& /*actions*/) {
    if (!state.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui::colours::warning);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(state.message.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ui::tag("skinmap.message");
    }
    drawBodySetChoice(state); // at the top of the panel: the canvas keeps its height
    drawBabyPrompt(state);
    drawPrompts(state);
    drawProblems(state);
    drawMarkList(state);
    if (!state.readOnly) {
        drawMarkDetails(state);
        drawHeader(state);
    } else if (const Mark* m = state.map.mark(state.selectedMark)) {
        // A signed map is read, never edited: the mark in words, as in the printed record.
        ImGui::Spacing();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(describeMark(*m).c_str());
        ImGui::PopTextWrapPos();
        ui::tag("skinmap.readonly.details");
    }
}

} // namespace heard::skinmap
