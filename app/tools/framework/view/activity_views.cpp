// The child-mode frame of every activity and the practitioner's summary.
//
// [SECTION] registry
// [SECTION] child mode: top bar, start chooser, step, bottom bar, the end
// [SECTION] summary
#include "app/tools/framework/view/activity_views.h"

#include "app/i18n/i18n.h"
#include "app/tools/framework/model/answer_text.h"
#include "app/tools/framework/model/activity_type.h"
#include "app/tools/framework/view/activity_drawing.h"
#include "app/tools/framework/view/read_aloud.h"
#include "app/tools/framework/view/step_views.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace heard::tools {

using ui::dp;

// [SECTION] registry

void ActivityViewRegistry::add(ActivityView view) {
    for (ActivityView& existing : m_views) {
        if (existing.typeId == view.typeId) {
            existing = std::move(view);
            return;
        }
    }
    m_views.push_back(std::move(view));
}

const ActivityView* ActivityViewRegistry::find(const std::string& typeId) const {
    for (const ActivityView& view : m_views) {
        if (view.typeId == typeId) return &view;
    }
    return nullptr;
}

ActivityViewRegistry& activityViews() {
    static ActivityViewRegistry s_views = [] {
        ActivityViewRegistry views;
        registerBuiltinActivityViews(views); // app/tools/builtin_views.cpp
        return views;
    }();
    return s_views;
}

// [SECTION] child mode

namespace {

void pushFont(ImFont* font) {
    ImGui::PushFont(font);
}

// Row one: the language switch at the left and Stop alone at the right, at least
// kStopClearanceDp from every other button; row two: the activity's picture and title, wrapped,
// so a long title never runs under a button (portrait, Welsh).
void drawTopBar(ActivityRun& run, ChildViewState& state, ActivityActions& actions,
                const ChildViewOptions& options) {
    const ActivityContent& content = run.content();
    const float buttonWidth = dp(120);
    const float rowStart = ImGui::GetCursorPosX();
    if (options.showLanguageSwitch) {
        for (const i18n::LanguageInfo& language : i18n::supportedLanguages()) {
            const bool current = run.language() == language.code;
            const std::string tagName = std::string("activity.lang.") + language.code;
            const std::string label = std::string(language.nativeName) + "##lang";
            const bool pressed = current ? ui::primaryButton(label.c_str(), tagName.c_str(), buttonWidth)
                                         : ui::bigButton(label.c_str(), tagName.c_str(), buttonWidth);
            if (pressed && !current) {
                speech().stop();
                run.setLanguage(language.code);
                i18n::setLanguage(language.code); // the rest of this frame too
                actions.languageChanged = true;
                actions.changed = true;
            }
            ImGui::SameLine();
        }
    }
    const float stopX = ImGui::GetWindowContentRegionMax().x - buttonWidth;
    const bool stopFits = ImGui::GetCursorPosX() + dp(kStopClearanceDp) <= stopX;
    if (options.showStop && !run.finished() && !state.confirmingStop) {
        if (!stopFits) ImGui::NewLine(); // a narrow window: Stop goes on a row of its own
        ImGui::SetCursorPosX(std::max(rowStart, stopX));
        ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(250, 220, 215, 255));
        if (ui::bigButton(_("Stop"), "activity.stop", buttonWidth)) {
            speech().stop();
            state.confirmingStop = true; // asked once, on its own screen
        }
        ImGui::PopStyleColor();
    } else {
        ImGui::NewLine();
    }
    // The clearance below Stop: the title row holds no button.
    const float iconSide = std::max(ui::touchTarget(), dp(kStopClearanceDp));
    ImGui::Dummy(ImVec2(0, ImGui::GetStyle().ItemSpacing.y));
    ImVec2 start = ImGui::GetCursorScreenPos();
    drawIcon(ImGui::GetWindowDrawList(), content.icon, ImVec2(start.x + iconSide / 2, start.y + iconSide / 2),
             iconSide, ui::colours::accent);
    ImGui::Dummy(ImVec2(iconSide, iconSide));
    ImGui::SameLine();
    pushFont(ui::fonts().title);
    const std::string titleText = run.text(content.childTitle); // the child's people named (issue 18.2)
    const char* title = titleText.c_str();
    const float wrapWidth = ImGui::GetContentRegionAvail().x;
    const float titleHeight = ImGui::CalcTextSize(title, nullptr, false, wrapWidth).y;
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, (iconSide - titleHeight) / 2));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(title);
    ImGui::PopTextWrapPos();
    ui::tag("activity.title");
    ImGui::PopFont();
}

// "Do you want to stop?" asked once: Yes stops (the gentle end screen follows), Keep going
// returns to the same step with nothing changed.
void drawStopQuestion(ActivityRun& run, ChildViewState& state, ActivityActions& actions) {
    const float avail = ImGui::GetContentRegionAvail().x;
    ImGui::Dummy(ImVec2(0, dp(32)));
    pushFont(ui::fonts().huge);
    const char* question = _("Do you want to stop?");
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() +
                         std::max(0.0f, (avail - ImGui::CalcTextSize(question).x) / 2));
    ImGui::TextUnformatted(question);
    ui::tag("activity.stop.question");
    ImGui::PopFont();
    speakButton(question, "activity.speak.stop_question");
    ImGui::Dummy(ImVec2(0, dp(24)));
    const float width = std::min(dp(260), (avail - dp(kStopClearanceDp)) / 2);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() +
                         std::max(0.0f, (avail - width * 2 - dp(kStopClearanceDp)) / 2));
    if (ui::primaryButton(_("Keep going"), "activity.stop.keep_going", width)) state.confirmingStop = false;
    ImGui::SameLine(0, dp(kStopClearanceDp));
    if (ui::bigButton(_("Yes, stop"), "activity.stop.yes", width)) {
        state.confirmingStop = false;
        run.stop();
        actions.stopped = true;
        actions.changed = true;
    }
}

void drawProgress(const ActivityRun& run) {
    const size_t count = run.stepCount();
    if (count < 2) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float r = dp(7);
    ImVec2 p = ImGui::GetCursorScreenPos();
    for (size_t i = 0; i < count; ++i) {
        ImVec2 c(p.x + r + float(i) * r * 3.2f, p.y + r);
        if (i < run.position())
            dl->AddCircleFilled(c, r, ui::colours::accent, 16);
        else if (i == run.position())
            dl->AddCircleFilled(c, r, IM_COL32(255, 190, 60, 255), 16);
        else
            dl->AddCircle(c, r, ui::colours::muted, 16, dp(2));
    }
    ImGui::Dummy(ImVec2(float(count) * r * 3.2f, r * 2));
}

void drawPrompt(const ActivityRun& run, const Step& step) {
    const float side = dp(64);
    const std::string prompt = run.text(step.prompt); // "When Mummy and Steve argue" (issue 18.2)
    speakButton(prompt.c_str(), "activity.speak.prompt");
    ImGui::SameLine();
    ImVec2 start = ImGui::GetCursorScreenPos();
    if (!step.icon.empty()) {
        drawIcon(ImGui::GetWindowDrawList(), step.icon, ImVec2(start.x + side / 2, start.y + side / 2), side,
                 IM_COL32(230, 150, 60, 255));
        ImGui::Dummy(ImVec2(side, side));
        ImGui::SameLine();
    }
    pushFont(ui::fonts().title);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(prompt.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ui::tag("activity.prompt");
}

// A line for the child under the prompt (content "note"), with its own speaker: e.g. that their
// parents or carers may read a message to the judge, said before they write and again before
// they agree.
void drawNote(const Step& step) {
    if (step.note.empty()) return;
    const char* note = i18n::tr(step.note);
    speakButton(note, "activity.speak.note");
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(120, 70, 20, 255));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(note);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ui::tag("activity.note");
}

void strokesThumbnail(const std::vector<Stroke>& strokes, float side);

// What the child gave at an earlier step (content "about"), shown above this one exactly as
// given: their picture while they tell about it, their message while they decide to send it.
void drawAbout(const ActivityRun& run, const Step& step) {
    if (step.about.empty()) return;
    const Answer* earlier = run.result().answerFor(step.about);
    if (!earlier || (earlier->strokes.empty() && earlier->words.empty())) return;
    ImGui::BeginGroup();
    if (!earlier->strokes.empty()) {
        strokesThumbnail(earlier->strokes, std::min(dp(260), ImGui::GetContentRegionAvail().x * 0.45f));
        if (!earlier->words.empty()) ImGui::SameLine();
    }
    if (!earlier->words.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(("\xe2\x80\x9c" + earlier->words + "\xe2\x80\x9d").c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndGroup();
    ui::tag("activity.about");
    ImGui::Spacing();
}

void drawStartChooser(ActivityRun& run, ActivityActions& actions) {
    pushFont(ui::fonts().title);
    ImGui::TextUnformatted(_("Where would you like to start?"));
    ImGui::PopFont();
    ImGui::Spacing();
    const auto& steps = run.content().steps;
    const float avail = ImGui::GetContentRegionAvail().x;
    // The cards reflow: as many to a row as fit at kStartCardMinDp or wider (portrait, large
    // text), the rest on the rows below, so a card never shrinks until its caption is a column
    // of single words.
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const int fit = std::max(1, int((avail + spacing) / (dp(kStartCardMinDp) + spacing)));
    const int columns = std::max(1, std::min(int(steps.size()), fit));
    const float side = std::min(dp(220), (avail - spacing * float(columns - 1)) / float(columns));
    std::string chosen;
    for (size_t i = 0; i < steps.size(); ++i) {
        const Step& step = steps[i];
        const std::string tagName = "activity.start." + step.id;
        if (pictureButton(step.id.c_str(), tagName.c_str(), i18n::tr(step.prompt), side, false,
                          [&](ImDrawList* dl, ImVec2 c, float s) {
                              drawIcon(dl, "house", c, s * 0.9f, IM_COL32(245, 225, 200, 255));
                              drawIcon(dl, step.icon, ImVec2(c.x, c.y + s * 0.12f), s * 0.35f,
                                       IM_COL32(230, 150, 60, 255));
                          }))
            chosen = step.id;
        if (i + 1 < steps.size() && (int(i) + 1) % columns != 0) ImGui::SameLine();
    }
    if (!chosen.empty() && run.startWith(chosen)) actions.changed = true;
}

// What the child chose at a step, in the words of the screen they saw (never their typed words,
// which are shown separately and exactly).
std::string pickedText(const Answer& answer, const Step& step, const ActivityContent& content) {
    if (answer.status == AnswerStatus::DontKnow) return _("I don't know");
    std::string text;
    for (const ChoiceOption& choice : step.choices)
        if (choice.id == answer.choiceId) text = i18n::tr(choice.label);
    if (text.empty()) text = facesText(answer, content, i18n::language()); // every feeling chosen
    // A picture on a pictures-only scale is read back as that picture, never as a number.
    if (answer.scale >= 0 && text.empty())
        text = answer.scaleForm == ScaleForm::Numbers ? std::to_string(answer.scale)
                                                      : scaleText(answer, i18n::language());
    return text;
}

// The gentle end: "That's OK. Thank you!" after a stop, "Thank you!" after the last step, and
// what the child said read back to them (three houses practice), their own words exactly.
void drawEnd(ActivityRun& run, ActivityActions& actions) {
    const float side = dp(160);
    const float avail = ImGui::GetContentRegionAvail().x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - side) / 2);
    ImVec2 p = ImGui::GetCursorScreenPos();
    drawIcon(ImGui::GetWindowDrawList(), "star", ImVec2(p.x + side / 2, p.y + side / 2), side,
             IM_COL32(255, 200, 60, 255));
    ImGui::Dummy(ImVec2(side, side));
    pushFont(ui::fonts().huge);
    const char* message = run.result().stopped ? _("That's OK. Thank you!") : _("Thank you!");
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() +
                         std::max(0.0f, (avail - ImGui::CalcTextSize(message).x) / 2));
    ImGui::TextUnformatted(message);
    ui::tag("activity.end");
    ImGui::PopFont();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail - ui::touchTarget()) / 2));
    speakButton(message, "activity.speak.end");
    ImGui::Spacing();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - dp(240)) / 2);
    if (ui::primaryButton(_("All done"), "activity.done", dp(240))) {
        speech().stop();
        actions.done = true;
    }
    bool heading = false;
    for (const std::string& stepId : run.result().order) {
        const Answer* answer = run.result().answerFor(stepId);
        const Step* step = run.content().findStep(stepId);
        if (!answer || !step) continue;
        const std::string picked = pickedText(*answer, *step, run.content());
        if (picked.empty() && answer->words.empty()) continue;
        if (!heading) {
            ImGui::Spacing();
            pushFont(ui::fonts().title);
            ImGui::TextUnformatted(_("What you told me:"));
            ImGui::PopFont();
            heading = true;
        }
        ImGui::PushTextWrapPos(0.0f);
        ui::mutedText(run.text(step->prompt).c_str());
        if (!picked.empty()) ImGui::TextUnformatted(picked.c_str());
        if (!answer->words.empty())
            ImGui::TextUnformatted(("\xe2\x80\x9c" + answer->words + "\xe2\x80\x9d").c_str());
        ImGui::PopTextWrapPos();
    }
    if (heading) ui::tag("activity.read_back");
}

// Back, "I don't know", Skip and Next. Next waits for an answer (it says why while it waits);
// Why Next waits, shown under it while the step has no answer: a finger gets no tooltip. It
// names what this step asks for: a drawing is drawn, not chosen.
const char* nextWaitsReason(const Step* step) {
    if (step && step->kind == StepKind::Drawing) return _("Draw something first, or Skip.");
    if (step && step->kind == StepKind::Words)
        return step->allowDrawing ? _("Write or draw something first, or Skip.")
                                  : _("Write something first, or Skip.");
    return _("Choose an answer first, or Skip.");
}

bool stepAnswered(const ActivityRun& run) {
    const Answer* answer = run.currentAnswer();
    return answer && answer->hasContent();
}

// Skip is the one way past without one, always allowed and never questioned; "I don't know"
// is an answer of its own.
float bottomBarButtonWidth() {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    return std::min(dp(180), (ImGui::GetContentRegionAvail().x - spacing * 3) / 4.3f);
}

void drawBottomBar(ActivityRun& run, ActivityActions& actions) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = bottomBarButtonWidth();
    if (run.position() > 0) {
        if (ui::bigButton(_("< Back"), "activity.back", width)) {
            speech().stop();
            run.back();
            actions.changed = true;
        }
    } else {
        ImGui::Dummy(ImVec2(width, ui::touchTarget()));
    }
    ImGui::SameLine();
    if (pictureBarButton(_("I don't know"), "activity.dont_know", "dont_know", width * 1.2f)) {
        speech().stop();
        run.dontKnow();
        actions.changed = true;
    }
    ImGui::SameLine(
        std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - width * 2 - spacing));
    if (ui::bigButton(_("Skip"), "activity.skip", width)) {
        speech().stop();
        run.skip();
        actions.changed = true;
    }
    ImGui::SameLine();
    const bool answered = stepAnswered(run);
    const float nextX = ImGui::GetCursorPosX();
    ImGui::BeginDisabled(!answered);
    if (ui::primaryButton(_("Next >"), "activity.next", width) && answered) {
        speech().stop();
        run.next();
        actions.changed = true;
    }
    ImGui::EndDisabled();
    if (!answered) {
        const char* why = nextWaitsReason(run.currentStep());
        const float whyWidth =
            std::min(ImGui::CalcTextSize(why).x, ImGui::GetWindowContentRegionMax().x - nextX);
        ImGui::SetCursorPosX(
            std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - whyWidth));
        ImGui::PushTextWrapPos(ImGui::GetWindowContentRegionMax().x);
        ui::mutedText(why);
        ImGui::PopTextWrapPos();
        ui::tag("activity.next.why");
    }
}

void drawStepBody(ActivityRun& run, const Step& step, ChildViewState& state, ImVec2 area,
                  ActivityActions& actions) {
    bool changed = false;
    switch (step.kind) {
    case StepKind::Face:
        changed = drawFaceStep(run, step, area);
        break;
    case StepKind::Scale:
        changed = drawScaleStep(run, step, area);
        break;
    case StepKind::Choice:
        changed = drawChoiceStep(run, step, area);
        break;
    case StepKind::Words:
        changed = drawWordsStep(run, step, state, area);
        break;
    case StepKind::Place:
        changed = drawPlaceStep(run, step, state, area);
        break;
    case StepKind::Drawing:
        changed = drawCanvas(run, state, area);
        break;
    }
    if (changed) actions.changed = true;
}

} // namespace

void drawChildView(ActivityRun& run, ChildViewState& state, ActivityActions& actions,
                   const ChildViewOptions& options) {
    i18n::ScopedLanguage childLanguage(run.language());
    const Step* step = run.currentStep();
    const std::string stepId = step ? step->id : std::string();
    const std::string screenId = run.finished() ? std::string("#end") : stepId;
    if (screenId != state.lastStepId) { // a new step starts with fresh view state
        if (!state.lastStepId.empty() || run.finished()) speech().stop(); // the child moved on
        state = ChildViewState{};
        state.lastStepId = screenId;
    }

    ImGui::PushID(run.content().id.c_str());
    drawTopBar(run, state, actions, options);
    ImGui::Spacing();
    step = run.currentStep();
    if (state.confirmingStop && !run.finished()) {
        drawStopQuestion(run, state, actions);
    } else if (run.finished()) {
        drawEnd(run, actions);
        if (options.readAloudOnOpen && !state.spokenOnOpen) {
            state.spokenOnOpen = true;
            speech().say(run.result().stopped ? _("That's OK. Thank you!") : _("Thank you!"), run.language());
        }
    } else if (run.choosingStart()) {
        drawStartChooser(run, actions);
    } else if (step) {
        drawProgress(run);
        drawPrompt(run, *step);
        drawNote(*step);
        if (options.readAloudOnOpen && !state.spokenOnOpen) {
            state.spokenOnOpen = true;
            speech().say(run.text(step->prompt), run.language());
        }
        ImGui::Spacing();
        float bottom = ui::touchTarget() + ImGui::GetStyle().ItemSpacing.y * 2;
        // Room for the reason under Next (it ran off the bottom of the screen), wrapped to about
        // Next's width as drawBottomBar wraps it.
        if (!stepAnswered(run))
            bottom += ImGui::CalcTextSize(nextWaitsReason(step), nullptr, false, bottomBarButtonWidth()).y +
                      ImGui::GetStyle().ItemSpacing.y;
        ImVec2 area = ImGui::GetContentRegionAvail();
        area.y = std::max(dp(120), area.y - bottom);
        ImGui::PushID(step->id.c_str());
        ImGui::BeginChild("##step", area, false,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        drawAbout(run, *step);
        const ActivityView* view = activityViews().find(run.content().type);
        if (view && view->drawChildBody)
            view->drawChildBody(run, state, actions);
        else
            drawStepBody(run, *step, state, ImGui::GetContentRegionAvail(), actions);
        ImGui::EndChild();
        ImGui::PopID();
        drawBottomBar(run, actions);
    }
    ImGui::PopID();
}

// [SECTION] summary

namespace {

const char* statusText(AnswerStatus status) {
    switch (status) {
    case AnswerStatus::Answered:
        return _("Answered");
    case AnswerStatus::Skipped:
        return _("Skipped");
    case AnswerStatus::NotReached:
        return _("Not reached");
    case AnswerStatus::DontKnow:
        return _("The child said \"I don't know\"");
    }
    return "";
}

void childWords(const std::string& words, bool dictated) {
    // The child's words exactly: quoted, unformatted, wrapped but never changed.
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted("\xe2\x80\x9c");
    ImGui::SameLine(0, 0);
    ImGui::TextUnformatted(words.c_str());
    ImGui::SameLine(0, 0);
    ImGui::TextUnformatted("\xe2\x80\x9d");
    ImGui::PopTextWrapPos();
    if (dictated) ui::mutedText(_("(the child's words, typed by the practitioner)"));
}

void strokesThumbnail(const std::vector<Stroke>& strokes, float side) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + side, p.y + side * 0.75f), IM_COL32(255, 255, 255, 255));
    dl->AddRect(p, ImVec2(p.x + side, p.y + side * 0.75f), ui::colours::muted);
    for (const Stroke& s : strokes) {
        std::vector<ImVec2> points;
        for (size_t i = 0; i + 1 < s.points.size(); i += 2)
            points.emplace_back(p.x + s.points[i] * side, p.y + s.points[i + 1] * side * 0.75f);
        dl->AddPolyline(points.data(), int(points.size()), s.colour, ImDrawFlags_None,
                        std::max(1.0f, s.width * side));
    }
    ImGui::Dummy(ImVec2(side, side * 0.75f));
}

const char* faceLabel(const ActivityContent* content, const std::string& id) {
    if (content) {
        for (const FaceOption& f : content->faces) {
            if (f.id == id) return i18n::tr(f.label);
        }
    }
    return id.c_str();
}

// Who a placed token is, for the practitioner: one of the child's people by the name the
// practitioner set, a picture the child added (its figure's name; the child's own name for them
// is quoted after it), or the content's label.
std::string placementLabel(const Placement& p, const Step* step, const model::ChildPeople& people) {
    for (const model::ChildPerson& person : people.people)
        if (p.tokenId == "person." + person.id) return person.name;
    if (const model::FigureSpec* figure = model::findFigure(p.figure)) return i18n::tr(figure->name);
    if (step)
        for (const ChoiceOption& person : step->people)
            if (person.id == p.tokenId) return i18n::tr(person.label);
    return p.tokenId;
}

void answerDetails(const Answer& answer, const Step* step, const ActivityContent* content,
                   const model::ChildPeople& people) {
    if (!answer.faceId.empty()) {
        const FaceOption* face = nullptr;
        if (content) {
            for (const FaceOption& f : content->faces) {
                if (f.id == answer.faceId) face = &f;
            }
        }
        if (face) {
            ImVec2 p = ImGui::GetCursorScreenPos();
            float r = ImGui::GetTextLineHeight();
            drawFace(ImGui::GetWindowDrawList(), face->expression, ImVec2(p.x + r, p.y + r), r,
                     answer.strength);
            ImGui::Dummy(ImVec2(r * 2, r * 2));
            ImGui::SameLine();
        }
        // Only what the child picked: a face without "how much" shows no intensity.
        const char* strength[] = {"", _("a little"), _("quite"), _("very")};
        if (answer.strength >= 1 && answer.strength <= 3)
            ImGui::Text("%s (%s)", faceLabel(content, answer.faceId), strength[answer.strength]);
        else
            ImGui::TextUnformatted(faceLabel(content, answer.faceId));
    }
    if (!answer.faces.empty()) { // several feelings on one step: each as chosen, no "how much"
        for (const std::string& id : answer.faces)
            ImGui::BulletText("%s", faceLabel(content, id));
    }
    if (answer.scale >= 0) {
        if (answer.scaleForm == ScaleForm::Numbers)
            ImGui::Text("%d / 10", answer.scale);
        else
            ImGui::TextUnformatted(scaleText(answer, i18n::language()).c_str());
        if (step && step->unsafeAtOrBelow >= 0 && answer.scaleOnTen() <= step->unsafeAtOrBelow) {
            ImGui::SameLine();
            ImGui::TextColored(ImColor(ui::colours::danger), "%s", _("(low: the child may not feel safe)"));
        }
    }
    if (!answer.choiceId.empty()) {
        const char* label = answer.choiceId.c_str();
        bool unsafe = false;
        if (step) {
            for (const ChoiceOption& c : step->choices) {
                if (c.id == answer.choiceId) {
                    label = i18n::tr(c.label);
                    unsafe = c.unsafe;
                }
            }
        }
        if (unsafe)
            ImGui::TextColored(ImColor(ui::colours::danger), "%s", label);
        else
            ImGui::TextUnformatted(label);
    }
    if (!answer.faceId.empty() || !answer.faces.empty() || answer.scale >= 0 || !answer.choiceId.empty())
        ui::mutedText(_("(picked from the choices offered)"));
    if (!answer.words.empty()) {
        ui::mutedText(_("In the child's own words:"));
        childWords(answer.words, answer.dictated);
    }
    if (!answer.placements.empty()) {
        // Nearest first: who the child put close to them is what matters.
        std::vector<Placement> byDistance = answer.placements;
        std::sort(byDistance.begin(), byDistance.end(),
                  [](const Placement& a, const Placement& b) { return a.distance() < b.distance(); });
        for (const Placement& p : byDistance) {
            std::string labelText = placementLabel(p, step, people);
            const char* label = labelText.c_str();
            const char* nearness = p.distance() < 0.4f    ? _("near")
                                   : p.distance() < 0.75f ? _("in between")
                                                          : _("far");
            if (p.name.empty())
                ImGui::BulletText("%s: %s", label, nearness);
            else
                ImGui::BulletText("%s \xe2\x80\x9c%s\xe2\x80\x9d: %s", label, p.name.c_str(), nearness);
        }
    }
    if (!answer.strokes.empty()) strokesThumbnail(answer.strokes, dp(200));
}

} // namespace

bool drawSummary(const ActivityResult& result, const ActivityContent* content, std::string* interpretation,
                 const char* interpretationTag) {
    const ActivityView* view = activityViews().find(result.type);
    if (view && view->drawSummary) return view->drawSummary(result, content, interpretation);
    bool changed = false;
    // A name, not the address: a result read afresh each frame sits at no fixed address, and the
    // interpretation field must keep its focus from one frame to the next.
    ImGui::PushID("activity_summary");
    const model::ChildPeople people = peopleUsed(result); // the names the prompts used
    const ActivityType* type = activityTypes().find(result.type);
    ui::screenTitle(content ? i18n::tr(content->title) : type ? i18n::tr(type->name) : result.type.c_str());
    const char* languageName = result.language.c_str();
    for (const i18n::LanguageInfo& l : i18n::supportedLanguages()) {
        if (result.language == l.code) languageName = l.nativeName;
    }
    ImGui::Text(_("Content: %s, version %d. Language: %s"), result.contentId.c_str(), result.contentVersion,
                languageName);
    if (const AgeBand* band =
            content && !result.ageBand.empty() ? content->findBand(result.ageBand) : nullptr) {
        // The form the child was given (a short version, pictures-only scales), by their age.
        ImGui::Text(_("The form of this activity for children aged %d to %d."), band->minAge, band->maxAge);
        ui::tag("activity.age_band");
    }
    if (content && content->version != result.contentVersion) {
        ui::mutedText(_("The tool's wording has changed since this record was made."));
        ui::tag("activity.wording_changed");
    }
    if (result.unsafeDisclosed) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui::colours::danger);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(
            _("The child said they do not feel safe. This record is flagged for your manager."));
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    if (result.stopped) ui::mutedText(_("The child stopped the activity."));
    ImGui::Separator();
    ImGui::TextUnformatted(_("The child's answers, exactly as given"));
    for (const Answer& answer : result.answers) {
        const Step* step = content ? content->findStep(answer.stepId) : nullptr;
        ImGui::PushID(answer.stepId.c_str());
        ImGui::Spacing();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(step ? model::personalise(i18n::tr(step->prompt), people).c_str()
                                    : answer.stepId.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Indent();
        ImGui::TextColored(
            ImColor(answer.status == AnswerStatus::Answered ? ui::colours::accent : ui::colours::muted), "%s",
            statusText(answer.status));
        answerDetails(answer, step, content, people);
        ImGui::Unindent();
        ImGui::PopID();
    }
    if (content && content->childChoosesOrder && !result.order.empty()) {
        std::string order;
        for (const std::string& id : result.order) {
            const Step* s = content->findStep(id);
            order += (order.empty() ? "" : ", ") + std::string(s ? i18n::tr(s->prompt) : id.c_str());
        }
        ImGui::Spacing();
        ImGui::TextUnformatted(_("The child chose this order:"));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(order.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::Separator();
    // The practitioner's reading is kept apart from the child's words, and never shown in child mode.
    ImGui::TextUnformatted(_("Practitioner's interpretation"));
    ui::tag((std::string(interpretationTag) + ".heading").c_str());
    if (interpretation) {
        ui::mutedText(_("Your reading of the activity, in your words. The child's answers above stay as "
                        "they gave them."));
        changed = inputChildWords(interpretationTag, *interpretation, ImVec2(-1, dp(140)));
    } else {
        ImGui::PushTextWrapPos(0.0f);
        if (result.interpretation.empty())
            ui::mutedText(_("None written yet."));
        else
            ImGui::TextUnformatted(result.interpretation.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::PopID();
    return changed;
}

const ActivityContent* drawActivityPicker(const ContentLibrary& library, int childAge) {
    const ActivityContent* chosen = nullptr;
    const float side = dp(150);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const int perRow = std::max(1, int((ImGui::GetContentRegionAvail().x + spacing) / (side + spacing)));
    int column = 0;
    ImGui::PushID("##picker");
    for (const ActivityContent& content : library.activities) {
        if (childAge >= 0 && !content.suitsAge(childAge)) continue;
        const std::string tagName = "activity.pick." + content.id;
        if (pictureButton(content.id.c_str(), tagName.c_str(), i18n::tr(content.title), side, false,
                          [&](ImDrawList* dl, ImVec2 c, float s) {
                              drawIcon(dl, content.icon, c, s * 0.6f, ui::colours::accent);
                          }))
            chosen = &content;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", i18n::tr(content.guidance));
        if (++column < perRow)
            ImGui::SameLine();
        else
            column = 0;
    }
    if (column != 0) ImGui::NewLine();
    // A bad content file never blocks the others; the practitioner sees what is wrong with it.
    if (!library.errors.empty()) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, ui::colours::warning);
        ImGui::TextUnformatted(_("Some activities could not be loaded:"));
        ImGui::PopStyleColor();
        ImGui::PushTextWrapPos(0.0f);
        for (const ContentError& error : library.errors)
            ImGui::BulletText("%s", error.text().c_str());
        ImGui::PopTextWrapPos();
        ui::tag("activity.content_errors");
    }
    ImGui::PopID();
    return chosen;
}

} // namespace heard::tools
