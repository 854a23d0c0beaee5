// The whole tablet app: the unlocked store, navigation, each screen's form state, child
// mode, autosave and auto-lock.
//
// Screens are functions of state (screens.h): they draw from the App and edit only their
// own form state; anything that touches the store or navigation is queued as an action and
// applied after the frame (ImHex's doLater), so a screen never changes the store mid-draw.
// main.cpp owns the event loop; tests and the tour call runOneFrame().
#pragma once

#include "app/model/caseload.h"
#include "app/model/concern.h"
#include "app/model/visit.h"
#include "app/tools/framework/view/activity_screen.h"
#include "app/tools/parental_conflict/view/conflict_analysis_view.h"
#include "platform/network_watch.h"
#include "platform/window.h"
#include "storage/store.h"
#include "sync/sync_service.h"

#include <SDL.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <mutex>
#include <set>
#include <thread>
#include <string>
#include <vector>

namespace heard::skinmap {
class SkinMapController;
} // namespace heard::skinmap

namespace heard::ui {

struct AppOptions {
    std::string dataDir;                    // where the encrypted store lives
    bool demo = false;                      // use the fictional demo store (created on first run)
    int autoLockSeconds = 300;              // practitioner mode locks after this much idle time
    bool fastKeyDerivationForTests = false; // Argon2id at libsodium's minimum: tests only
    storage::Clock clock;                   // default: the system clock (tests inject one)
    std::string serverHost = "127.0.0.1";   // the central system, for first sign-in (enrolment)
    int serverPort = 8443;
    std::string serverCaPem;  // the organisation's CA certificate for enrolment (PEM text)
    bool watchNetwork = true; // sync when a connection appears
};

enum class ScreenId {
    Unlock,           // first run / unlock: shows nothing about any child
    Caseload,         // the practitioner's children and cases
    Child,            // one child's page
    Visit,            // one visit record: start, activities, write-up, sign; then read-only + addenda
    Concern,          // a welfare concern record
    NotSeen,          // the child was not seen: the reason
    Addendum,         // a dated addendum to a signed record
    Record,           // any signed record, read-only, with its addenda
    ChildMode,        // the tablet is in the child's hands: only the activity
    Sync,             // the central system: sign in once, sync status, "Sync now"
    SkinMap,          // the skin map of a visit or concern (app/tools/skin_map)
    ConflictAnalysis, // the practitioner's impact of parental conflict analysis of a visit
};

// Free-hand strokes of a finger signature, each x0,y0,x1,y1,... normalised to the pad.
using Strokes = std::vector<std::vector<float>>;

struct UnlockForm {
    std::string name, role = "Family Court Adviser", passphrase, confirmation;
    std::string error;
    int retryAfterSeconds = 0;
};

struct CaseloadView {
    std::string search;
    uint64_t builtAtRevision = ~0ull;
    model::CaseloadIndex index;             // the rows, kept from the store's caseload summary
    std::optional<std::string> filteredFor; // the search the visible list was built for
    std::vector<int> visible;               // indices into rows matching the search
};

// A record being written: which record, and when it last changed (for autosave).
struct DraftState {
    std::string recordId;
    bool dirty = false;
    std::chrono::steady_clock::time_point lastEdit;
    std::vector<std::string> signProblems; // shown after a refused sign
    bool revealProblems = false;           // scroll them into view once
    Strokes currentStroke;                 // the signature stroke being drawn
};

struct VisitForm {
    DraftState draft;
    model::Visit visit;
    bool started = false; // the start fields were confirmed and the record exists
};

struct ConcernForm {
    DraftState draft;
    model::Concern concern;
    std::string newActionWhat;
    bool highRisk = true; // a concern is flagged for the manager unless the practitioner says otherwise
};

struct NotSeenForm {
    DraftState draft;
    std::string reason;
    std::string plannedNext;
    std::string signatureName;
    Strokes signatureStrokes;
};

struct AddendumForm {
    std::string parentRecordId;
    std::string text;
    std::string reason; // why it is added later
    std::set<std::string> followUpsDone;
    std::string error;
};

struct ChildModeState {
    std::string visitRecordId;
    std::string contentId;
    bool askingToLeave = false; // the child stopped: hand back to the practitioner
    std::string passphrase;
    std::string error;
    std::unique_ptr<tools::ActivitySession> session; // the run, its view state and its recorder
};

// The impact of parental conflict analysis being written or read (app/tools/parental_conflict).
struct ConflictForm {
    tools::ConflictAnalysisScreen screen;
    bool dirty = false;
    std::chrono::steady_clock::time_point lastEdit;
};

struct EnrolForm {
    std::string host, username, password;
    int port = 0;
    std::string error;
    bool busy = false; // a sign-in is running on its own thread
};

// A message for the practitioner at the top of the screen (never shown in child mode).
struct Notice {
    std::string text;
    bool error = false;
};

class App;
using Action = std::function<void(App&)>;
struct Actions {
    std::vector<Action> queued;
    void later(Action action) { queued.push_back(std::move(action)); }
};

class App {
public:
    App(platform::Window& window, AppOptions options);
    ~App();

    // Pumps pending events without waiting, draws one frame and presents it.
    void runOneFrame();
    // Draws the current screen; call between Window::beginFrame and endFrame.
    void drawFrame();
    void handleEvent(const SDL_Event& event);
    // How long the loop may sleep before a timer (autosave, auto-lock) needs a frame, in ms;
    // -1: no timer pending.
    int idleWaitMs() const;

    platform::Window& window() { return m_window; }
    const AppOptions& options() const { return m_options; }
    ScreenId screen() const { return m_screen; }
    void show(ScreenId screen) { m_screen = screen; }

    // [SECTION] the store and the session
    const std::string& storeDir() const { return m_storeDir; }
    bool storeExists() const;
    bool unlocked() const { return m_store != nullptr; }
    storage::Store* store() { return m_store.get(); }
    const std::string& practitioner() const { return m_practitioner; }
    std::string now() const;

    void createStore(const std::string& name, const std::string& role, const std::string& passphrase);
    void unlock(const std::string& passphrase);
    void lock(); // saves drafts, wipes keys, forgets every form
    bool verifyPassphrase(const std::string& passphrase, std::string& error);

    // [SECTION] navigation and caches
    const std::string& childId() const { return m_childId; }
    void openChild(const std::string& childId);
    void openRecord(const std::string& recordId);
    const std::string& recordId() const { return m_recordId; }
    void back();
    const std::vector<model::CaseloadRow>& caseload();
    std::optional<storage::Child> currentChild();
    std::vector<storage::Record> recordsOfCurrentChild();
    const tools::ContentLibrary& activityLibrary();

    // [SECTION] records
    void startVisit();
    void confirmVisitStart();
    void signVisit();
    void startConcern();
    void signConcern();
    void startNotSeen();
    void signNotSeen();
    void startAddendum(const std::string& parentRecordId);
    void saveAddendum();
    // Starts a new skin map linked to a visit or concern, or opens a saved one.
    void openSkinMap(const std::string& parentRecordId);
    void openSavedSkinMap(const std::string& recordId);
    skinmap::SkinMapController* skinMap() { return m_skinMap.get(); }
    void closeSkinMap();
    // The practitioner's parental conflict analysis of a visit: the draft, or the signed one.
    void openConflictAnalysis(const std::string& visitId);
    void conflictAnalysisEdited();
    void signConflictAnalysis();
    void markEdited(DraftState& draft);
    void saveDrafts(); // every dirty draft, now

    // [SECTION] sync
    bool enrolled();
    void enrol(); // signs in with enrolForm on a worker thread; never blocks the UI
    void syncNow();
    std::optional<sync::SyncStatus> syncStatus() const; // nullopt: not enrolled
    // The author recorded on new records: the practitioner id the central system knows once
    // enrolled (it checks it), the typed name before.
    std::string author();
    // Worker threads hand results to the main thread here (never touching UI state).
    void postToMain(Action action);

    // [SECTION] child mode
    void enterChildMode(const std::string& contentId);
    void leaveChildMode(const std::string& passphrase);

    // Form state, edited by screens.
    UnlockForm unlockForm;
    CaseloadView caseloadView;
    VisitForm visitForm;
    ConcernForm concernForm;
    NotSeenForm notSeenForm;
    AddendumForm addendumForm;
    ConflictForm conflictForm;
    ChildModeState childMode;
    EnrolForm enrolForm;
    Notice notice;

private:
    void apply(Actions& actions);
    void autosaveIfDue();
    void saveDraft(DraftState& draft, const nlohmann::json& payload, bool highRisk);
    void report(const storage::StoreError& error, const std::string& doing);
    void afterUnlock(std::unique_ptr<storage::Store> store);
    void seedDemo(storage::Store& store);

    platform::Window& m_window;
    AppOptions m_options;
    std::string m_storeDir;
    std::unique_ptr<storage::Store> m_store;
    std::string m_practitioner;
    ScreenId m_screen = ScreenId::Unlock;
    std::string m_childId, m_recordId;
    std::unique_ptr<tools::ContentLibrary> m_library;
    std::unique_ptr<skinmap::SkinMapController> m_skinMap;
    std::unique_ptr<sync::SyncService> m_sync;
    std::unique_ptr<platform::NetworkWatch> m_network;
    std::thread m_enrolThread;
    std::mutex m_mainQueueMutex;
    std::vector<Action> m_mainQueue;
    void startSyncIfEnrolled();
    void stopSync();
    ScreenId m_skinMapReturn = ScreenId::Visit;
    std::chrono::steady_clock::time_point m_lastInput;
};

// Autosave happens this long after the last keystroke (a crash loses at most this much).
constexpr auto kAutosaveDelay = std::chrono::milliseconds(1500);

} // namespace heard::ui
