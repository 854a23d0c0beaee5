// The safety alert (issue 14, SF 2.88-2.92): the first screen the practitioner sees when a
// child has said they may not be safe. Exactly what the child said or chose, when and in which
// activity; what to do now; signed here by the practitioner; then a welfare concern.
// Also the practitioner's own "the child has told me something worrying" control, drawn over
// every practitioner screen about a child (never in child mode).
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/screens.h"
#include "app/ui/kit/wrapped_text.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>

namespace heard::ui {

namespace {

void label(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colours::muted);
    wrappedText(text);
    ImGui::PopStyleColor();
}

void quoted(const std::string& text, const char* tagName) {
    ImGui::PushFont(fonts().title);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(("\u201C" + text + "\u201D").c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    tag(tagName);
}

void dangerText(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
    wrappedText(text);
    ImGui::PopStyleColor();
}

// What the child said or chose, when, and where: read-only, exactly as given.
void drawWhatTheChildSaid(const model::SafetyAlert& alert) {
    sectionHeader(_("What the child said or chose, exactly"));
    if (alert.source == model::AlertSource::ChildAnswer) {
        label(_("The question on the child's screen"));
        quoted(alert.prompt, "safety.prompt");
        label(_("The child's answer"));
        quoted(alert.childWords, "safety.child_answer");
        // In another language than the practitioner's: the content's own words too.
        if (!alert.language.empty() && alert.language != i18n::language() && !alert.promptMsgid.empty()) {
            const std::string inYours =
                std::string(_(alert.promptMsgid.c_str())) + " \u2014 " +
                (alert.answerMsgid.empty() ? alert.answer : _(alert.answerMsgid.c_str()));
            ImGui::Text(_("In your language: %s"), inYours.c_str());
        }
    }
    ImGui::Text(_("When: %s"), model::formatForPeople(alert.disclosedAt).c_str());
    if (!alert.activityTitle.empty())
        ImGui::Text(_("Activity: %s"), _(alert.activityTitle.c_str()));
    else
        ImGui::TextUnformatted(_("Activity: none (the child told you)"));
    tag("safety.when_where");
}

void drawSteps() {
    sectionHeader(_("What to do now"));
    const char* steps[] = {
        N_("Do not question the child further about it. If the child wants to talk, listen and write it "
           "down, but do not ask for more (SF 2.89)."),
        N_("Do not promise to keep it secret, and do not say what will or will not happen (SF 2.92)."),
        N_("Write down the child's words exactly as they were said, as soon as you can (SF 2.93)."),
        N_("Talk to your manager today and agree what happens next (SF 2.30, 2.81)."),
    };
    for (const char* step : steps) {
        ImGui::Bullet();
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(_(step));
        ImGui::PopTextWrapPos();
    }
    tag("safety.steps");
}

// The safety control's label: the alert waiting to be signed, or the way to raise one.
const char* safetyControlLabel(App& app) {
    return app.editors().safetyAlert.waiting() ? _("A safety alert is waiting to be signed")
                                               : _("The child has told me something worrying");
}

// The control's button: one line when the window is wide enough, else wrapped (bigButton).
ImVec2 safetyControlSize(const char* label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float avail = ImGui::GetMainViewport()->WorkSize.x - style.WindowPadding.x * 2;
    const float natural = ImGui::CalcTextSize(label).x + style.FramePadding.x * 2;
    const float width = std::min(natural, avail);
    const float text = ImGui::CalcTextSize(label, nullptr, false, width - style.FramePadding.x * 2).y;
    return ImVec2(width, std::max(touchTarget(), text + style.FramePadding.y * 2));
}

} // namespace

void drawSafetyAlertScreen(App& app, Actions& actions) {
    SafetyAlertEditor& editor = app.editors().safetyAlert;
    if (editor.syncWanted) {
        // Signed after a retry: the sync thread is asked to send it now.
        editor.syncWanted = false;
        actions.later([](App& a) { a.syncNow(); });
    }
    beginScreen("##safety_alert");
    SafetyAlertEditor::Item* item = editor.current();
    ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
    screenHeader(nullptr, _("Safety alert"));
    ImGui::PopStyleColor();
    tag("safety.alert");
    if (!item) {
        mutedText(_("No safety alert is waiting."));
        if (bigButton(_("< Child"), "safety.done", dp(300)))
            actions.later([](App& a) { a.show(ScreenId::Child); });
        endScreen();
        return;
    }
    model::SafetyAlert& alert = item->alert;
    dangerText(alert.source == model::AlertSource::ChildAnswer
                   ? _("The child's answer means they may not be safe. The child saw only a calm "
                       "\"thank you\" and no more questions.")
                   : _("The child has told you something worrying."));
    if (!editor.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
        wrappedTextF(_("The safety alert could not be saved: %s. It stays here and is saved again "
                       "every few seconds; nothing is lost."),
                     editor.error.c_str());
        ImGui::PopStyleColor();
        tag("safety.error");
        if (bigButton(_("Try again now"), "safety.retry", dp(300)))
            actions.later([](App& a) { a.editors().safetyAlert.retryNow(a); });
    }
    if (editor.items.size() > 1)
        ImGui::Text(_("Safety alerts waiting after this one: %d"), int(editor.items.size() - 1));
    drawWhatTheChildSaid(alert);
    drawSteps();

    if (item->isSigned) {
        sectionHeader(_("Signed"));
        if (alert.source == model::AlertSource::Practitioner) {
            label(_("What the child said, in the child's own words"));
            quoted(alert.childWords, "safety.child_words_signed");
        }
        if (!alert.note.empty()) {
            label(_("Anything else the child said, word for word"));
            quoted(alert.note, "safety.note_signed");
        }
        ImGui::Text(_("Signed by %s"), alert.signatureName.c_str());
        signatureView(alert.signatureStrokes, dp(60));
        chip(_("First in the queue: sent to your manager before anything else"), colours::accentSoft,
             colours::accentText);
        tag("safety.signed");
    } else {
        sectionHeader(_("Sign the alert"));
        const bool editable = !item->signWanted;
        if (!editable) {
            // One line says why every field below is greyed out (tagged for each of them).
            mutedText(_("Signed: the alert is being saved now, so it cannot be changed."));
            for (const char* field : {"safety.child_words.why", "safety.note.why",
                                      "safety.signature_name.why", "safety.signature_pad.why"})
                tag(field);
            ImGui::BeginDisabled();
        }
        if (alert.source == model::AlertSource::Practitioner &&
            textField(_("What the child said, in the child's own words"),
                      _("Exactly as the child said it. Do not ask the child for more."), alert.childWords,
                      "safety.child_words", 4))
            editor.markEdited();
        if (textField(_("Anything else the child said, word for word (optional)"),
                      _("Only what the child offered. Do not question the child."), alert.note, "safety.note",
                      2))
            editor.markEdited();
        if (textField(_("Your name, typed"), nullptr, alert.signatureName, "safety.signature_name", 1))
            editor.markEdited();
        if (signaturePad(alert.signatureStrokes, editor.currentStroke, "safety.signature_pad"))
            editor.markEdited();
        if (!editable) ImGui::EndDisabled();
        ImGui::Text(_("Date and time: %s"), model::formatForPeople(app.now()).c_str());
        signProblemsPanel(editor.signProblems);
        if (primaryButton(_("Sign the alert"), "safety.sign", dp(300)))
            actions.later([](App& a) { a.editors().safetyAlert.sign(a); });
        if (editor.canDiscard()) {
            ImGui::SameLine();
            if (bigButton(_("Opened by mistake: discard"), "safety.discard", dp(300)))
                actions.later([](App& a) { a.editors().safetyAlert.discard(a); });
        }
    }

    sectionHeader(_("Welfare concern"));
    if (!item->isSigned) ImGui::BeginDisabled();
    if (bigButton(_("Start a welfare concern"), "safety.start_concern", dp(300)))
        actions.later([](App& a) { a.editors().safetyAlert.startConcern(a); });
    if (!item->isSigned) {
        ImGui::EndDisabled();
        mutedText(_("Sign the alert first: it is sent before anything else."));
        tag("safety.start_concern.why");
    } else {
        ImGui::SameLine();
        if (bigButton(editor.items.size() > 1 ? _("Next alert") : _("Done"), "safety.done", dp(220)))
            actions.later([](App& a) { a.editors().safetyAlert.done(a); });
    }
    endScreen();
}

float safetyControlHeight(App& app) {
    return safetyControlSize(safetyControlLabel(app)).y + ImGui::GetStyle().WindowPadding.y * 2;
}

void drawSafetyControl(App& app, Actions& actions) {
    // A bar of its own at the top of every practitioner screen about a child, the button at
    // the right: the screen starts below it (setScreenTopInset), so the button never covers a
    // word or a field of a scrolled form.
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const char* label = safetyControlLabel(app);
    const ImVec2 button = safetyControlSize(label);
    const float padX = ImGui::GetStyle().WindowPadding.x;
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, safetyControlHeight(app)));
    ImGui::Begin("##safety_control", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    ImGui::SetCursorPosX(std::max(padX, viewport->WorkSize.x - padX - button.x));
    ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(250, 220, 215, 255));
    ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
    const bool waiting = app.editors().safetyAlert.waiting();
    if (bigButton(label, waiting ? "safety.waiting" : "safety.worried", button.x)) {
        if (waiting)
            actions.later([](App& a) { a.show(ScreenId::SafetyAlert); });
        else
            actions.later([](App& a) { a.editors().safetyAlert.raiseByPractitioner(a); });
    }
    ImGui::PopStyleColor(2);
    // The bar's lower edge, so it reads as a bar and not part of the screen below.
    const float bottom = viewport->WorkPos.y + ImGui::GetWindowHeight() - 1.0f;
    ImGui::GetWindowDrawList()->AddLine(ImVec2(viewport->WorkPos.x, bottom),
                                        ImVec2(viewport->WorkPos.x + viewport->WorkSize.x, bottom),
                                        ImGui::GetColorU32(ImGuiCol_Separator));
    ImGui::End();
}

} // namespace heard::ui
