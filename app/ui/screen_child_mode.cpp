// Child mode: the tablet is in the child's hands. Only the activity is on screen, full
// screen, with big friendly controls and a way to stop at any time. Nothing about other
// children, the practitioner's notes or the case is drawn here, and leaving needs the
// practitioner's hand-back PIN on a shuffled keypad (issue 18.9) or the passphrase (wrong ones
// meet the same growing delay as unlocking).
#include "app/i18n/i18n.h"
#include "app/tools/framework/model/answer_text.h"
#include "app/model/calendar.h"
#include "app/tools/framework/model/activity_run.h"
#include "app/tools/framework/view/activity_drawing.h"
#include "app/tools/framework/view/activity_screen.h"
#include "app/tools/framework/view/step_views.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/screens.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/kit/wrapped_text.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <optional>

namespace heard::ui {

namespace {

// The hand-back PIN's keypad: ten digits at the places shuffleKeypad() chose, so the order of
// taps seen over a shoulder says nothing of the PIN; a sixth digit starts the check at once.
void drawPinKeypad(ChildModeEditor& mode, Actions& actions) {
    if (!mode.keypadShuffled) mode.shuffleKeypad();
    ImGui::TextUnformatted(_("Practitioner: your hand-back PIN"));
    // One circle per digit, filled as they are tapped: how many, never which.
    const float r = dp(10);
    ImVec2 p = ImGui::GetCursorScreenPos();
    for (int i = 0; i < storage::kHandBackPinDigits; ++i) {
        const ImVec2 c(p.x + r + float(i) * r * 3, p.y + r);
        if (size_t(i) < mode.pin.size())
            ImGui::GetWindowDrawList()->AddCircleFilled(c, r, colours::text, 16);
        else
            ImGui::GetWindowDrawList()->AddCircle(c, r, colours::muted, 16, dp(2));
    }
    ImGui::Dummy(ImVec2(r * 3 * float(storage::kHandBackPinDigits), r * 2));
    tag("childmode.pin.entered");
    const float key = dp(88);
    for (int place = 0; place < 12; ++place) {
        if (place % 3 != 0) ImGui::SameLine();
        if (place == 9) { // the bottom row: rub out, the tenth digit, and an empty place
            if (bigButton((std::string("\u232B##rubout")).c_str(), "childmode.pin.rubout", key) &&
                !mode.pin.empty())
                mode.pin.pop_back();
            continue;
        }
        if (place == 11) {
            ImGui::Dummy(ImVec2(key, key));
            continue;
        }
        const int digit = mode.keypad[size_t(place < 9 ? place : 9)];
        const std::string label = std::to_string(digit);
        const std::string tagName = "childmode.pin.digit." + label;
        ImGui::PushFont(fonts().title);
        const bool pressed = ImGui::Button((label + "##pin").c_str(), ImVec2(key, key));
        ImGui::PopFont();
        tag(tagName.c_str());
        if (pressed && mode.pin.size() < size_t(storage::kHandBackPinDigits)) {
            mode.pin += char('0' + digit);
            if (mode.pin.size() == size_t(storage::kHandBackPinDigits)) {
                actions.later([pin = mode.pin](App& a) { a.editors().childMode.leaveWithPin(a, pin); });
            }
        }
    }
}

void drawPassphrase(ChildModeEditor& mode, Actions& actions) {
    ImGui::TextUnformatted(_("Practitioner: your passphrase"));
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, dp(480)));
    bool enter;
    {
        TouchFieldHeight touch;
        enter = ImGui::InputText("##leave", &mode.passphrase,
                                 ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    }
    tagField("childmode.passphrase");
    if (primaryButton(_("Leave child mode"), "childmode.leave", dp(320)) || enter) {
        actions.later([pass = mode.passphrase](App& a) { a.editors().childMode.leave(a, pass); });
        wipeText(mode.passphrase);
    }
}

// Everything on the hand-back screen is in the child's language (it is still the child's
// screen until the practitioner has it back) and shows nothing of the practitioner's work.
void drawHandBack(App& app, Actions& actions) {
    ChildModeEditor& mode = app.editors().childMode;
    ImGui::PushFont(fonts().huge);
    wrappedText(_("Thank you!"));
    ImGui::PopFont();
    tag("childmode.thanks");
    ImGui::PushFont(fonts().title);
    wrappedText(_("Please give the tablet back to the grown-up."));
    ImGui::PopFont();
    ImGui::Spacing();
    if (mode.session && mode.session->run && !mode.session->run->finished()) {
        if (bigButton((std::string("\u25C0 ") + _("Back to the activity")).c_str(), "childmode.resume",
                      dp(320))) {
            mode.askingToLeave = false;
            mode.keypadShuffled = false;
            wipeText(mode.pin);
        }
        ImGui::Spacing();
    }
    ImGui::Separator();
    ImGui::Spacing();
    if (mode.checking()) {
        // Argon2id takes about a second on a worker; the screen keeps drawing meanwhile.
        ImGui::TextUnformatted(_("Checking, please wait."));
        tag("childmode.checking");
        return;
    }
    const bool pinWay = mode.pinState.usable() && !mode.usePassphrase;
    if (pinWay)
        drawPinKeypad(mode, actions);
    else
        drawPassphrase(mode, actions);
    if (!mode.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
        wrappedText(mode.error.c_str());
        ImGui::PopStyleColor();
        tag("childmode.error");
    }
    if (pinWay) {
        ImGui::Spacing();
        if (bigButton(_("Use the passphrase instead"), "childmode.use_passphrase", dp(320))) {
            mode.usePassphrase = true;
            wipeText(mode.pin);
        }
    } else if (mode.pinState.set && !mode.pinState.usable()) {
        mutedText(_("The hand-back PIN was wrong five times: the passphrase is needed."));
    }
}

// What the child said or chose at a step, exactly as they saw it, for the safety alert.
model::SafetyAlert alertFromAnswer(const tools::ActivityRun& run, const std::string& stepId) {
    model::SafetyAlert alert;
    alert.source = model::AlertSource::ChildAnswer;
    alert.language = run.language();
    alert.stepId = stepId;
    alert.activityContentId = run.content().id;
    alert.activityTitle = run.content().title;
    const tools::Step* step = run.content().findStep(stepId);
    const tools::Answer* answer = run.result().answerFor(stepId);
    if (!step || !answer) return alert;
    alert.promptMsgid = step->prompt;
    alert.choiceId = answer->choiceId;
    alert.scale = answer->scaleOnTen(); // on the 0-10 line whatever form the child saw
    for (const tools::ChoiceOption& choice : step->choices)
        if (choice.id == answer->choiceId) alert.answerMsgid = choice.label;
    // In the child's language: the words on the child's screen are the child's answer.
    i18n::ScopedLanguage childLanguage(run.language());
    alert.prompt = run.text(step->prompt); // as the child read it, their people named (issue 18.2)
    if (!alert.answerMsgid.empty()) {
        alert.answer = i18n::tr(alert.answerMsgid);
    } else if (answer->scale >= 0 && answer->scaleForm != tools::ScaleForm::Numbers) {
        // A pictures-only scale has no numbers: which picture, and what its ends mean.
        alert.answer = tools::scaleText(*answer, run.language()) + " (" + i18n::tr(step->lowLabel) + " ... " +
                       i18n::tr(step->highLabel) + ")";
    } else if (answer->scale >= 0) {
        alert.answer = std::to_string(answer->scale) + " / 10 (0 = " + i18n::tr(step->lowLabel) +
                       ", 10 = " + i18n::tr(step->highLabel) + ")";
    }
    alert.childWords = alert.answer;
    if (!answer->words.empty()) alert.childWords += "\n" + answer->words;
    return alert;
}

// The calm screen's two pictures: an arrow pointing on, and a pause (two bars), in calm colours.
void drawGoOn(ImDrawList* draw, ImVec2 centre, float side) {
    const ImU32 colour = colours::accent;
    const float half = side * 0.3f, thick = side * 0.12f;
    draw->AddLine(ImVec2(centre.x - half, centre.y), ImVec2(centre.x + half * 0.3f, centre.y), colour, thick);
    draw->AddTriangleFilled(ImVec2(centre.x + half, centre.y), ImVec2(centre.x, centre.y - half * 0.8f),
                            ImVec2(centre.x, centre.y + half * 0.8f), colour);
}

void drawPause(ImDrawList* draw, ImVec2 centre, float side) {
    const ImU32 colour = IM_COL32(120, 135, 160, 255);
    const float h = side * 0.28f, w = side * 0.1f, apart = side * 0.1f;
    for (const float x : {centre.x - apart - w, centre.x + apart})
        draw->AddRectFilled(ImVec2(x, centre.y - h), ImVec2(x + w, centre.y + h), colour, w * 0.4f);
}

// The child said they may not be safe: one calm, non-leading screen in their language, and no
// question about it. The child chooses to go on with the activity or to stop.
void drawCalm(ChildModeEditor& mode) {
    tools::ActivityRun& run = *mode.session->run;
    i18n::ScopedLanguage childLanguage(run.language());
    const float width = ImGui::GetContentRegionAvail().x;
    auto centred = [&](const char* text, ImFont* font) {
        ImGui::PushFont(font);
        const float textWidth = std::min(width, ImGui::CalcTextSize(text).x);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - textWidth) / 2);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + textWidth);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
    };
    ImGui::Dummy(ImVec2(0, dp(48)));
    const float side = dp(120);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    tools::drawIcon(ImGui::GetWindowDrawList(), "heart", ImVec2(at.x + width / 2, at.y + side / 2), side,
                    IM_COL32(225, 85, 95, 255));
    ImGui::Dummy(ImVec2(width, side));
    ImGui::Spacing();
    centred(_("Thank you for telling me."), fonts().huge);
    tag("childmode.calm");
    centred(_("I will talk with you about it."), fonts().title);
    ImGui::Spacing();
    ImGui::Spacing();
    // The answer the child gave stays as given: moving on records it, whichever they choose.
    auto moveOnFromDisclosure = [&] {
        const tools::Step* step = run.currentStep();
        if (step && mode.disclosedSteps.count(step->id)) run.next();
    };
    // Pictures a child who does not read can choose by: an arrow on, or a pause. Side by side,
    // or one above the other where two do not fit (portrait at a large text size).
    const float tile = dp(170), gap = dp(40);
    const bool goOn = !run.finished();
    const bool sideBySide = !goOn || width >= tile * 2 + gap;
    const float rowWidth = goOn && sideBySide ? tile * 2 + gap : tile;
    const float rowStart = ImGui::GetCursorPosX() + std::max(0.0f, (width - rowWidth) / 2);
    ImGui::SetCursorPosX(rowStart);
    if (goOn) {
        if (tools::pictureButton("go_on", "childmode.calm.go_on", _("Go on with the activity"), tile, false,
                                 drawGoOn)) {
            moveOnFromDisclosure();
            mode.calm = false;
            mode.session->saveWanted = true; // a finished run shows its gentle end screen next
        }
        if (sideBySide)
            ImGui::SameLine(0, gap);
        else
            ImGui::SetCursorPosX(rowStart);
    }
    if (tools::pictureButton("stop", "childmode.calm.stop", _("Stop for now"), tile, false, drawPause)) {
        moveOnFromDisclosure();
        if (!run.finished()) run.stop();
        mode.calm = false; // the gentle end screen next, reading back what the child said
        mode.session->saveWanted = true;
    }
}

void beginChildModeWindow(const char* id) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(253, 250, 240, 255));
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
}

void endChildModeWindow() {
    ImGui::End();
    ImGui::PopStyleColor();
}

// Turns each answer that newly says the child is not safe into a safety alert (kept in the
// store right after this frame) and puts up the calm screen.
void noticeDisclosures(App& app, Actions& actions) {
    ChildModeEditor& mode = app.editors().childMode;
    const tools::ActivityRun& run = *mode.session->run;
    for (const std::string& stepId : tools::unsafeAnswerSteps(run.result(), run.content())) {
        if (!mode.disclosedSteps.insert(stepId).second) continue;
        model::SafetyAlert alert = alertFromAnswer(run, stepId);
        alert.disclosedAt = app.now();
        alert.visitRecordId = mode.visitRecordId;
        mode.calm = true;
        actions.later([alert = std::move(alert)](App& a) mutable {
            ChildModeEditor& m = a.editors().childMode;
            const auto child = a.currentChild();
            if (!child) return;
            // The activity record first, so the alert can name it (a failure is kept for the
            // practitioner; the name is filled in at hand-back).
            if (m.session) {
                m.session->save();
                if (m.session->recorder) alert.activityRecordId = m.session->recorder->recordId();
            }
            a.editors().safetyAlert.returnTo = ScreenId::Visit;
            a.editors().safetyAlert.raise(a, std::move(alert), child->caseId, child->id);
        });
    }
}

} // namespace

void drawChildModeScreen(App& app, Actions& actions) {
    ChildModeEditor& mode = app.editors().childMode;
    // The whole of child mode, hand-back too, in the child's language (issue 18.4).
    std::optional<i18n::ScopedLanguage> childLanguage;
    if (mode.session && mode.session->run) childLanguage.emplace(mode.session->run->language());
    mode.lastDrawnLanguage = i18n::language();
    if (mode.session && mode.session->run && mode.calm) {
        beginChildModeWindow("##child_mode_calm");
        drawCalm(mode);
        endChildModeWindow();
        return;
    }
    if (mode.session && !mode.askingToLeave) {
        // Every change is saved right after this frame (ChildModeEditor); a failed save is
        // kept for the practitioner and never shown to the child.
        const bool done = tools::drawActivityScreen(*mode.session);
        if (mode.session->lastActions.stopped || mode.session->lastActions.languageChanged)
            mode.session->saveWanted = true;
        // A stop ends on the gentle screen that reads back what the child said; only its
        // "All done" hands the tablet back.
        if (done) mode.askingToLeave = true;
        if (mode.session->run) noticeDisclosures(app, actions);
        if (mode.calm) mode.askingToLeave = false; // the calm screen first; stop is offered there
        return;
    }
    beginChildModeWindow("##child_mode_hand_back");
    drawHandBack(app, actions);
    endChildModeWindow();
}

} // namespace heard::ui
