// Child mode: one activity in the child's hands. Entering saves the practitioner's drafts;
// leaving needs the hand-back PIN (five wrong ones and only the passphrase will do) or the
// passphrase (wrong ones meet the same growing delay as unlocking).
#include "app/i18n/i18n.h"
#include "app/model/child_details.h"
#include "app/tools/framework/model/activity_run.h"
#include "app/ui/app.h"
#include "app/ui/kit/form_widgets.h"
#include "app/tools/framework/view/read_aloud.h"
#include "app/ui/editors.h"
#include "app/ui/settings.h"
#include "storage/hand_back_pin.h"

#include <algorithm>
#include <random>

namespace heard::ui {

const char* ChildModeEditor::what() const {
    return _("the child's activity");
}

bool ChildModeEditor::dirty() const {
    return session && session->saveWanted;
}

std::optional<RecordEditor::TimePoint> ChildModeEditor::saveDue() const {
    if (!dirty()) return std::nullopt;
    return TimePoint::min(); // at once: a crash loses at most the last tap
}

void ChildModeEditor::saveTo(storage::Store& /*store*/) {
    // The session saves through its own recorder; a failure is kept in saveError for the
    // practitioner (never shown to the child) and retried at the next change.
    if (session) session->save();
}

void ChildModeEditor::clearState() {
    wipeText(passphrase);
    session.reset();
    visitRecordId.clear();
    contentId.clear();
    handingOver.clear();
    error.clear();
    askingToLeave = false;
    m_checking = false;
    ++m_generation;
    calm = false;
    disclosedSteps.clear();
    wipeText(pin);
    keypadShuffled = false;
    pinState = {};
    usePassphrase = false;
    wipeText(newPin);
    wipeText(newPinRepeat);
    pinFormMessage.clear();
    pinFormError = false;
    readAloudChild.clear();
    readAloud = false;
    tools::speech().stop(); // nothing goes on talking after the child's screen is gone
}

void ChildModeEditor::shuffleKeypad() {
    std::random_device entropy;
    std::mt19937 generator(entropy());
    do {
        for (int i = 0; i < 10; ++i)
            keypad[size_t(i)] = i;
        std::shuffle(keypad.begin(), keypad.end(), generator);
    } while (keypad == m_lastKeypad);
    m_lastKeypad = keypad;
    keypadShuffled = true;
}

void ChildModeEditor::leaveWithPin(App& app, const std::string& typed) {
    if (m_checking || !app.store() || app.session().pinWorking()) return;
    pinState = storage::handBackPinState(*app.store());
    if (!pinState.usable()) {
        usePassphrase = true;
        return;
    }
    const std::string hash = app.store()->setting(storage::kHandBackPinSetting).value_or("");
    m_checking = true;
    error.clear();
    app.session().beginPinWork([&app, hash, typed, generation = m_generation] {
        const bool right = storage::handBackPinMatches(hash, typed);
        app.postToMain([right, generation](App& a) {
            a.session().pinFinished();
            ChildModeEditor& mode = a.editors().childMode;
            if (generation != mode.m_generation || !a.store()) return; // locked or restarted meanwhile
            mode.m_checking = false;
            wipeText(mode.pin);
            if (right) {
                // A store that cannot write must not keep the child's screen up: the practitioner
                // leaves, and a safety alert waiting to be saved comes first (issue 14).
                try {
                    storage::resetHandBackPinFailures(*a.store());
                    a.store()->audit(a.practitioner(), "leave_child_mode", "visit:" + mode.visitRecordId,
                                     "pin");
                } catch (const std::exception& e) {
                    a.report(e, _("saving"));
                }
                mode.finishLeaving(a);
                return;
            }
            storage::recordHandBackPinFailure(*a.store());
            mode.pinState = storage::handBackPinState(*a.store());
            mode.shuffleKeypad();
            // Said in the child's language, like the rest of the hand-back screen.
            i18n::ScopedLanguage childLanguage(
                mode.session && mode.session->run ? mode.session->run->language() : i18n::language());
            if (mode.pinState.usable()) {
                mode.error = _("That PIN is not right. Please try again.");
            } else {
                mode.usePassphrase = true;
                mode.error = _("Too many wrong PINs. Only the passphrase can leave child mode now.");
            }
        });
    });
}

void ChildModeEditor::enter(App& app, const std::string& id) {
    auto child = app.currentChild();
    const std::string visitId = app.editors().visit.draft.recordId;
    if (!child || !app.store() || visitId.empty()) return;
    app.saveDrafts();
    const model::ChildDetails details = model::childDetailsFromJson(child->details);
    const std::string language =
        details.preferredLanguage.empty() ? i18n::language() : details.preferredLanguage;
    auto started = std::make_unique<tools::ActivitySession>();
    // The App's catalogue: the shipped content with this unlock's signed updates (issue 20).
    started->library = app.activityLibrary();
    started->libraryLoaded = true;
    // The child's age today picks the form of the activity the content gives for it (a short
    // version, pictures-only scales: issue 18.3).
    const int age = model::ageInYears(child->dateOfBirth, app.now().substr(0, 10));
    if (!started->start(id, language, age)) {
        app.notice = catalogueNotice(
            N_("That activity could not be opened: its content file is missing or damaged."), true);
        return;
    }
    // The child's people (issue 18.2): the prompts name them, My world offers them.
    started->run->setPeople(currentChildPeople(app));
    started->attachStore(*app.store(),
                         tools::ActivityRecordContext{child->caseId, child->id, visitId, app.author()});
    clear();
    visitRecordId = visitId;
    contentId = id;
    session = std::move(started);
    session->options.readAloudOnOpen = readAloudFor(*app.store(), child->id);
    pinState = storage::handBackPinState(*app.store());
    app.store()->audit(app.practitioner(), "child_mode", "visit:" + visitId, id);
    app.show(ScreenId::ChildMode);
}

void ChildModeEditor::leave(App& app, const std::string& typed) {
    if (m_checking) return;
    m_checking = true;
    error.clear();
    app.beginVerifyPassphrase(typed, [generation = m_generation](App& a, const std::string& why) {
        ChildModeEditor& mode = a.editors().childMode;
        if (generation != mode.m_generation) return; // locked or restarted meanwhile
        mode.m_checking = false;
        if (!why.empty()) {
            mode.error = why;
            wipeText(mode.passphrase);
            return;
        }
        // The passphrase is the way back to a PIN that has been tried too often. A store that
        // cannot write does not keep the child's screen up (alert_save_failure_test).
        try {
            if (a.store()) storage::resetHandBackPinFailures(*a.store());
        } catch (const std::exception& e) {
            a.report(e, _("saving"));
        }
        mode.finishLeaving(a);
    });
    if (!app.verifyingPassphrase()) m_checking = false; // not started: no store, or one running
}

void ChildModeEditor::finishLeaving(App& app) {
    if (session) {
        session->save();
        if (!session->saveError.empty())
            app.notice = {std::string(_("The activity could not be saved: ")) + session->saveError, true};
    }
    const std::string visitId = visitRecordId;
    // The practitioner writes their interpretation next: the visit opens at this activity.
    if (session && session->recorder && !session->recorder->recordId().empty()) {
        app.editors().interpretation.justBack = session->recorder->recordId();
        app.editors().interpretation.revealJustBack = true;
    }
    // An alert raised before its activity record was first saved names it now.
    if (session && session->recorder)
        for (auto& item : app.editors().safetyAlert.items)
            if (item.alert.activityRecordId.empty() && item.alert.visitRecordId == visitId &&
                item.alert.source == model::AlertSource::ChildAnswer) {
                item.alert.activityRecordId = session->recorder->recordId();
                app.editors().safetyAlert.markEdited();
            }
    clear();
    app.nav().setRecord(visitId);
    // What the child said about their safety comes first, before anything else (issue 14).
    if (app.editors().safetyAlert.waiting()) {
        app.editors().safetyAlert.returnTo = ScreenId::Visit;
        app.show(ScreenId::SafetyAlert);
        return;
    }
    app.show(ScreenId::Visit);
}

} // namespace heard::ui
