// A visit record: start (where, who, purpose, confidentiality explained), activities with
// the child in child mode, the write-up with every field of SF 2.47, and signing. Drafts
// autosave; after signing the record opens read-only and changes go in addenda.
#include "app/i18n/i18n.h"
#include "app/model/child_details.h"
#include "app/model/calendar.h"
#include "app/tools/framework/model/activity_content.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/tools/framework/view/activity_views.h"
#include "app/ui/identity_view.h"
#include "app/ui/judge_sending_view.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/record_text.h"
#include "app/ui/screens.h"
#include "app/ui/settings.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "storage/record_kinds.h"
#include "app/ui/kit/wrapped_text.h"

#include <algorithm>

namespace heard::ui {

namespace {

void drawStartFields(App& app) {
    VisitEditor& form = app.editors().visit;
    model::Visit& visit = form.visit;
    std::string* values[] = {&visit.where, &visit.present, &visit.purpose};
    const auto& specs = model::visitStartFields();
    for (size_t i = 0; i < specs.size(); ++i)
        if (textField(_(specs[i].label), _(specs[i].hint), *values[i],
                      (std::string("visit.") + specs[i].key).c_str(), 2))
            form.markEdited();
    // The interpreter actually used (issue 18.6, NS 8.6); the child's record says which language
    // was expected, this says what happened.
    if (interpreterQuestion(visit.interpreter, "visit.")) form.markEdited();
}

void drawActivities(App& app, Actions& actions) {
    sectionHeader(_("Activities with the child"));
    mutedText(
        _("Hand the tablet to the child for an activity. Only the activity shows; to come back here you "
          "need your passphrase."));
    const auto child = app.currentChild();
    const int age = child ? model::ageInYears(child->dateOfBirth, app.now().substr(0, 10)) : -1;
    // The child's setting (issue 18.1): each screen of an activity read aloud as it opens.
    ChildModeEditor& mode = app.editors().childMode;
    if (child && mode.readAloudChild != child->id) {
        actions.later([id = child->id](App& a) {
            if (!a.store()) return;
            a.editors().childMode.readAloud = readAloudFor(*a.store(), id);
            a.editors().childMode.readAloudChild = id;
        });
    } else if (child) {
        bool on = mode.readAloud;
        if (bigCheckbox(_("Read each screen aloud to this child"), on, "visit.read_aloud")) {
            mode.readAloud = on;
            actions.later([id = child->id, on](App& a) {
                if (a.store()) setReadAloudFor(*a.store(), id, on);
            });
        }
    }
    const auto& library = app.activityLibrary();
    for (const auto& error : library.errors) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours::warning);
        wrappedTextF("%s %s", _("A tool content file could not be used:"), error.text().c_str());
        ImGui::PopStyleColor();
    }
    int shown = 0;
    for (const auto& content : library.activities) {
        if (age >= 0 && !content.suitsAge(age)) continue;
        ImGui::PushID(content.id.c_str());
        if (shown++ % 2 == 1) ImGui::SameLine();
        const std::string label = std::string("\u25B6 ") + _(content.title.c_str());
        // The activity's guidance first (issue 18.5); the tablet is handed over from there.
        if (bigButton(label.c_str(), ("visit.activity." + content.id).c_str(), dp(300)))
            actions.later([id = content.id](App& a) {
                a.editors().childMode.handingOver = id;
                a.show(ScreenId::HandOver);
            });
        ImGui::PopID();
    }
    if (shown == 0) mutedText(_("No activities suit this child's age."));

    // Activities done so far in this visit, as the child left them, each with the practitioner's
    // interpretation written apart from the child's answers (issue 18.5). The one just handed
    // back opens, in view, ready for it.
    InterpretationEditor& interpretation = app.editors().interpretation;
    for (const auto& record : app.recordsOfCurrentChild()) {
        if (record.kind != storage::kinds::kActivity || record.parentId != app.editors().visit.draft.recordId)
            continue;
        ImGui::PushID(record.id.c_str());
        tools::ActivityResult result;
        std::string error;
        if (tools::resultFromJson(record.payload, result, error)) {
            const tools::ActivityContent* content =
                library.forRecord(result.contentId, result.contentVersion);
            const std::string title = content ? _(content->title.c_str()) : result.contentId;
            const bool justBack = interpretation.revealJustBack && record.id == interpretation.justBack;
            if (justBack) ImGui::SetNextItemOpen(true);
            // A finger's target: at least 48 dp tall, like every other button.
            const ImVec2 padding = ImGui::GetStyle().FramePadding;
            ImGui::PushStyleVar(
                ImGuiStyleVar_FramePadding,
                ImVec2(padding.x, std::max(padding.y, (dp(48) - ImGui::GetFontSize()) / 2 + 1)));
            const bool open = ImGui::CollapsingHeader(title.c_str());
            ImGui::PopStyleVar();
            tag(("visit.activity_record." + result.contentId).c_str());
            if (open) {
                if (justBack) {
                    ImGui::SetScrollHereY(0.0f);
                    interpretation.revealJustBack = false;
                }
                const bool draft = record.status == storage::RecordStatus::Draft;
                std::string* text = draft ? &interpretation.textFor(record.id, result) : nullptr;
                const std::string tagName = "activity.interpretation." + result.contentId;
                if (tools::drawSummary(result, content, text, tagName.c_str()))
                    interpretation.edited(record.id);
                drawJudgeSending(app, actions, record, result);
            }
        } else {
            mutedText(error.c_str());
        }
        ImGui::PopID();
    }
}

void drawWriteUp(App& app) {
    sectionHeader(_("Write-up"));
    VisitEditor& form = app.editors().visit;
    for (const auto& spec : model::visitWriteUpFields()) {
        std::string value = form.visit.writeUp.value(spec.key, "");
        if (textField(_(spec.label), _(spec.hint), value, (std::string("visit.") + spec.key).c_str(), 4)) {
            form.visit.writeUp[spec.key] = value;
            form.markEdited();
        }
    }
}

void drawSign(App& app, Actions& actions) {
    sectionHeader(_("Sign"));
    VisitEditor& form = app.editors().visit;
    mutedText(_("Signing freezes this record. Anything you add later is a dated addendum; the original stays "
                "as it was."));
    if (textField(_("Your name, typed"), nullptr, form.visit.signatureName, "visit.signature_name", 1))
        form.markEdited();
    if (signaturePad(form.visit.signatureStrokes, form.draft.currentStroke, "visit.signature_pad"))
        form.markEdited();
    ImGui::Text(_("Date and time: %s"), model::formatForPeople(app.now()).c_str());
    form.draft.signProblems.update(model::visitSigningProblems(form.visit));
    std::vector<model::FieldSpec> fields = model::visitStartFields();
    for (const auto& spec : model::visitWriteUpFields())
        fields.push_back(spec);
    signProblemsPanel(form.draft.signProblems,
                      problemFields("visit.", std::move(fields),
                                    {{"Limits of confidentiality explained to the child", "confidentiality"},
                                     {"The interpreter's language", "interpreter.language"},
                                     {"The interpreter's name", "interpreter.name"},
                                     {"Interpreter in person or remote", "interpreter.in_person"}}));
    if (primaryButton(_("Sign the visit"), "visit.sign", dp(300)))
        actions.later([](App& a) { a.editors().visit.sign(a); });
}

} // namespace

void drawVisitScreen(App& app, Actions& actions) {
    VisitEditor& form = app.editors().visit;
    // The form before the visit begins and the visit itself scroll apart: "Begin the visit" sits
    // at the foot of the first, and the visit must open at its top, the child named there.
    beginScreen(form.started ? "##visit" : "##visit_start");
    if (childScreenHeader(app, _("< Child"), _("Visit"))) actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    if (!form.started) {
        mutedText(_("Before you start: tell the child what you will share and why (the limits of "
                    "confidentiality), in words they understand."));
        drawStartFields(app);
        bigCheckbox(_("I have explained the limits of confidentiality to the child"),
                    form.visit.confidentialityExplained, "visit.confidentiality");
        ImGui::BeginDisabled(!form.visit.confidentialityExplained);
        if (primaryButton(_("Begin the visit"), "visit.begin", dp(300))) {
            form.visit.confidentialityExplainedAt = app.now();
            actions.later([](App& a) { a.editors().visit.confirmStart(a); });
        }
        ImGui::EndDisabled();
        if (!form.visit.confidentialityExplained) {
            mutedText(_("Tick the box above once you have explained the limits of confidentiality."));
            tag("visit.begin.why");
        }
        endScreen();
        return;
    }
    chip(form.dirty() ? _("Saving soon") : _("Draft saved"), IM_COL32(236, 244, 243, 255), colours::muted);
    tag("visit.saved_state");
    sectionHeader(_("About the visit"));
    drawStartFields(app);
    drawActivities(app, actions);
    sectionHeader(_("Impact of parental conflict"));
    mutedText(
        _("Your analysis of how the adults' conflict reaches the child, citing the child's answers. It is "
          "signed on its own, now or after the visit."));
    if (bigButton(_("Parental conflict analysis"), "visit.conflict_analysis", dp(300)))
        actions.later([id = form.draft.recordId](App& a) { a.openConflictAnalysis(id); });
    sectionHeader(_("Visible injuries"));
    mutedText(_("A skin map notes only marks you can see. Never ask the child to undress; no photographs."));
    if (bigButton(_("Add a skin map"), "visit.skin_map", dp(300)))
        actions.later([id = form.draft.recordId](App& a) { a.openSkinMap(id); });
    drawWriteUp(app);
    drawSign(app, actions);
    endScreen();
}

} // namespace heard::ui
