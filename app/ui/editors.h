// The App's record editors, one per editable record kind. Each holds what its screen edits
// (the screens draw it and call markEdited), implements RecordEditor so the App saves and
// clears them all through one EditorSet, and has the operations its screen queues as actions
// (start, open, sign). One file each: editor_<kind>.cpp.
#pragma once

#include "app/model/concern.h"
#include "app/model/information_sharing.h"
#include "app/model/risk_identification.h"
#include "app/model/safety_alert.h"
#include "app/model/visit.h"
#include "app/tools/framework/view/activity_screen.h"
#include "app/tools/parental_conflict/view/conflict_analysis_view.h"
#include "app/ui/editors_court.h"
#include "app/ui/editors_identity.h"
#include "app/ui/editors_people.h"
#include "app/ui/editors_practitioner.h"
#include "app/ui/kit/form_types.h"
#include "app/ui/navigation.h"
#include "app/ui/record_editor.h"

#include "storage/hand_back_pin.h"

#include <array>
#include <memory>
#include <set>
#include <string>

namespace heard::skinmap {
class SkinMapController;
} // namespace heard::skinmap

namespace heard::ui {

class App;

// A draft record's identity and the parts of its screen that are not the record itself.
struct DraftState {
    std::string recordId;
    SignProblems signProblems; // shown after a refused sign
    Strokes currentStroke;     // the signature stroke being drawn
};

// Creates a draft record of `kind` for the child on screen, makes it the record being shown,
// and returns its id ("" when no store is open or no child is on screen).
std::string createDraftForChild(App& app, const char* kind, const nlohmann::json& payload, bool highRisk);
// Writes a draft's payload and, when it changed, its high-risk flag.
void saveDraftRecord(storage::Store& store, const std::string& recordId, const nlohmann::json& payload,
                     bool highRisk);

class VisitEditor : public RecordEditor {
public:
    DraftState draft;
    model::Visit visit;
    bool started = false; // the start fields were confirmed and the record exists

    const char* what() const override;
    void start(App& app);        // a new blank visit, not yet in the store
    void confirmStart(App& app); // the start fields are confirmed: the draft record exists
    void open(const storage::Record& record);
    void sign(App& app);

protected:
    void saveTo(storage::Store& store) override;
    void clearState() override { *this = VisitEditor{}; }
};

class ConcernEditor : public RecordEditor {
public:
    DraftState draft;
    model::Concern concern;
    std::string newActionWhat;
    // Times as they happened (issue 13): "YYYY-MM-DD HH:MM" typed by the practitioner; blank
    // means now. timeError is a msgid saying why the last time was refused ("" none).
    std::string identifiedWhen, newActionWhen, newReferralWhen;
    std::string newReferralRoute; // no route is chosen for the practitioner
    std::string newReferralNote;
    std::string timeError;
    std::string timeErrorFor; // where to show it: "identified", "action" or "referral"
    bool highRisk = false;    // only what happened: the practitioner ticks it (issue 13 item 3)

    const char* what() const override;
    void start(App& app);
    void open(const storage::Record& record);
    void sign(App& app);
    // Each sets the time typed (or now) and records when it was written; a time that cannot be
    // read or is in the future is refused with timeError and nothing changes.
    void setIdentified(App& app);
    void addAction(App& app);
    void addReferral(App& app);

protected:
    void saveTo(storage::Store& store) override;
    void clearState() override { *this = ConcernEditor{}; }
};

class NotSeenEditor : public RecordEditor {
public:
    DraftState draft;
    std::string reason, plannedNext, signatureName;
    Strokes signatureStrokes;

    const char* what() const override;
    void start(App& app);
    void open(const storage::Record& record);
    // What is still missing before it can be signed (msgids).
    std::vector<std::string> problems() const;
    void sign(App& app);

protected:
    void saveTo(storage::Store& store) override;
    void clearState() override { *this = NotSeenEditor{}; }
};

// Risk identification (SF 2.26-2.30): a draft, or a review of a signed version (a new record
// that names the one it reviews; the old one stays as it was signed).
class RiskEditor : public RecordEditor {
public:
    DraftState draft;
    model::RiskIdentification risk;

    const char* what() const override;
    void start(App& app);
    void startReview(App& app, const std::string& signedRecordId);
    void open(const storage::Record& record);
    void sign(App& app);

protected:
    void saveTo(storage::Store& store) override;
    void clearState() override { *this = RiskEditor{}; }
};

// A record of information shared, or of a decision not to share (SF 3.62).
class SharingEditor : public RecordEditor {
public:
    DraftState draft;
    model::InformationSharing sharing;
    std::string decidedWhen; // "YYYY-MM-DD HH:MM", blank: now
    std::string timeError;   // msgid

    const char* what() const override;
    void start(App& app);
    void open(const storage::Record& record);
    void sign(App& app);

protected:
    void saveTo(storage::Store& store) override;
    void clearState() override { *this = SharingEditor{}; }
};

// A dated addendum to a signed record. Until it is signed its text is kept as an encrypted
// setting of the store (an addendum record is created signed), so lock and crashes lose
// nothing typed.
class AddendumEditor : public RecordEditor {
public:
    std::string parentRecordId;
    std::string text;
    std::string reason; // why it is added later
    std::set<std::string> followUpsDone;
    std::string error;

    const char* what() const override;
    void start(App& app, const std::string& parentRecordId);
    void sign(App& app);

protected:
    void saveTo(storage::Store& store) override;
    void clearState() override;
};

// The skin map of a visit or concern (app/tools/skin_map): the controller draws and keeps the
// map; saving, signing and closing happen here, after the frame.
class SkinMapEditor : public RecordEditor {
public:
    SkinMapEditor();
    ~SkinMapEditor() override;

    const char* what() const override;
    bool dirty() const override;
    std::optional<TimePoint> saveDue() const override;
    skinmap::SkinMapController* controller() { return m_controller.get(); }
    void startNew(App& app, const std::string& parentRecordId);
    bool openSaved(App& app, const std::string& recordId, std::string& error);
    // Applies what the last frame asked (sign, close); true when the map asks to close.
    bool afterFrame();
    void close();

protected:
    void saveTo(storage::Store& store) override;
    void clearState() override;

private:
    std::unique_ptr<skinmap::SkinMapController> m_controller;
};

// The practitioner's impact of parental conflict analysis of a visit.
class ConflictEditor : public RecordEditor {
public:
    tools::ConflictAnalysisScreen screen;

    const char* what() const override;
    bool open(App& app, const std::string& visitId, std::string& error);
    void sign(App& app);

protected:
    void saveTo(storage::Store& store) override;
    void clearState() override { screen = tools::ConflictAnalysisScreen{}; }
};

// Child mode: the tablet is in the child's hands with one activity. The activity is saved at
// once after every change (a crash loses at most the last tap), after the frame that made it;
// a failed save is kept for the practitioner, never shown to the child.
class ChildModeEditor : public RecordEditor {
public:
    std::string visitRecordId;
    std::string contentId;
    // The activity whose guidance the practitioner reads before handing over (ScreenId::HandOver).
    std::string handingOver;
    bool askingToLeave = false; // the child stopped: hand back to the practitioner
    std::string passphrase;
    std::string error;
    std::unique_ptr<tools::ActivitySession> session; // the run, its view state and its recorder
    // The child said they may not be safe: the calm screen is up (no more questions on it),
    // and the steps already turned into a safety alert.
    bool calm = false;
    std::set<std::string> disclosedSteps;

    // The hand-back PIN (issue 18.9): the digits tapped so far, the keypad's digit at each
    // place (shuffled for every hand-back and after every wrong PIN), whether the PIN may be
    // tried (read from the store on entering), and the practitioner's choice of the passphrase.
    std::string pin;
    std::array<int, 10> keypad{};
    bool keypadShuffled = false;
    storage::HandBackPinState pinState;
    bool usePassphrase = false;
    // The child's "read each screen aloud" setting as the visit screen shows it (read from the
    // store after a frame, never during one).
    std::string readAloudChild;
    bool readAloud = false;
    std::string lastDrawnLanguage; // the language child mode was last drawn in (tests)
    // The Settings form that sets the PIN (practitioner mode).
    std::string newPin, newPinRepeat, pinFormMessage;
    bool pinFormError = false;

    const char* what() const override;
    bool dirty() const override;
    std::optional<TimePoint> saveDue() const override;
    void enter(App& app, const std::string& contentId);
    // Checks the passphrase on a worker; the activity stays in the child's hands until the
    // answer arrives, and a wrong one (or a lock meanwhile) changes nothing.
    void leave(App& app, const std::string& passphrase);
    // Checks the PIN on a worker, like the passphrase; a fifth wrong one leaves only the passphrase.
    void leaveWithPin(App& app, const std::string& pin);
    bool checking() const { return m_checking; }
    // Places the ten digits at random, never in the order of the last keypad shown.
    void shuffleKeypad();

protected:
    void saveTo(storage::Store& store) override;
    void clearState() override;

private:
    void finishLeaving(App& app);
    bool m_checking = false;
    std::array<int, 10> m_lastKeypad{}; // kept across hand-backs: the next one always differs
    unsigned m_generation = 0;          // a check's answer applies only to the hand-back that asked
};

// Safety alerts (issue 14): a child said they may not be safe, by an answer in child mode or
// in words the practitioner heard. Each alert is kept in the store as a draft at once (and
// retried every few seconds until it is: never lost silently), shown first when the
// practitioner takes the tablet back, and signed there. Signing puts it at the head of the
// outbox and asks the sync thread to sync now.
class SafetyAlertEditor : public RecordEditor {
public:
    struct Item {
        std::string recordId; // "" until the draft is in the store
        std::string caseId, childId, author;
        model::SafetyAlert alert;
        bool signWanted = false; // the practitioner signed: sign as soon as the store takes it
        bool isSigned = false;
    };
    std::vector<Item> items; // the first is on screen; the others wait their turn
    Strokes currentStroke;
    SignProblems signProblems;
    std::string error;       // why the last save or signing failed, shown on the alert screen
    bool syncWanted = false; // an alert was signed after the frame that asked: sync now
    ScreenId returnTo = ScreenId::Child;

    const char* what() const override;
    std::optional<TimePoint> saveDue() const override;
    Item* current() { return items.empty() ? nullptr : &items.front(); }
    bool waiting() const; // an alert is not yet signed
    // Keeps a new alert and saves it at once (after the frame that raised it).
    void raise(App& app, model::SafetyAlert alert, const std::string& caseId, const std::string& childId);
    // The practitioner's "the child has told me something worrying": a new alert for the child on
    // screen, shown now.
    void raiseByPractitioner(App& app);
    void open(App& app, const storage::Record& record);
    void sign(App& app);
    // Saves (and signs, if asked) now rather than at the next retry.
    void retryNow(App& app);
    // Opens a welfare concern for the child with what the alert holds (signed alerts only).
    void startConcern(App& app);
    // Done with the alert on screen: the next one waiting, or back where the practitioner was.
    void done(App& app);
    // The practitioner's own alert, opened by mistake and still empty (no words of the child):
    // its draft is deleted (audited). A child's answer is never discarded.
    bool canDiscard() const;
    void discard(App& app);
    // After unlock: alerts raised before a lock, crash or flat battery and not yet signed come
    // back first (their ids are kept as an encrypted setting of the store). True if any did.
    bool restore(App& app);

protected:
    void saveTo(storage::Store& store) override;
    void clearState() override;

private:
    TimePoint m_retryAt = TimePoint::min();
};

// Every editor, reachable by kind, and all of them as one list.
struct Editors {
    SafetyAlertEditor safetyAlert;
    VisitEditor visit;
    ConcernEditor concern;
    NotSeenEditor notSeen;
    AddendumEditor addendum;
    SkinMapEditor skinMap;
    ConflictEditor conflict;
    ChildModeEditor childMode;
    RiskEditor risk;
    SharingEditor sharing;
    CourtMatterEditor court; // issue 16 (editors_court.h)
    ImpactEditor impact;
    ReportViewer reportViewer;
    IdentityEditor identity;             // issue 18.6 (editors_identity.h)
    PeopleEditor people;                 // issue 18.2 (editors_people.h)
    InterpretationEditor interpretation; // issue 18.5 (editors_practitioner.h)
    JudgeSendingEditor judgeSending;
    EditorSet set;

    Editors();
    Editors(const Editors&) = delete;
    Editors& operator=(const Editors&) = delete;
};

} // namespace heard::ui
