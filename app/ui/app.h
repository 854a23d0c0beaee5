// The tablet app, made of parts a reader can name:
//   Session      the open store: create, unlock (key derivation on a worker), lock, auto-lock
//   SyncControl  the sync and sign-in threads, their status, stopping them without waiting
//   Navigation   which screen, which child, which record; back
//   Editors      every record being written (record_editor.h): one autosave path, one clear
//   screens      one file each, registered in one table (screens.h)
//   record kinds what each kind is called and where it opens (record_kinds.h)
//
// Frames are pure: a screen draws from the App, edits only its editor's state, and queues
// anything that touches the store or navigation as an action, applied after the frame
// (ImHex's doLater). An exception barrier around the frame and each action turns any error
// into a notice the practitioner can read; nothing typed is dropped and the app keeps running.
// main.cpp owns the event loop; tests and the tour call runOneFrame().
#pragma once

#include "app/model/caseload.h"
#include "app/ui/editors.h"
#include "app/ui/kit/form_types.h"
#include "app/ui/navigation.h"
#include "app/ui/session.h"
#include "app/ui/sync_control.h"
#include "platform/window.h"
#include "storage/store.h"

#include <SDL.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace heard::tools {
struct ContentLibrary;
} // namespace heard::tools

namespace heard::ui {

struct AppOptions {
    std::string dataDir;                    // where the encrypted store lives
    bool demo = false;                      // use the fictional demo store (created on first run)
    int autoLockSeconds = 300;              // practitioner mode locks after this much idle time
    bool fastKeyDerivationForTests = false; // Argon2id at libsodium's minimum: tests only
    storage::Clock clock;                   // default: the system clock (tests inject one)
    // The central system and the only key trusted for it (--org-config); without it the app reads
    // organisation.json in dataDir (sync/org_config.h). No configuration: no sign-in.
    std::optional<sync::OrgConfig> orgConfig;
    bool watchNetwork = true;   // sync when a connection appears
    int lockedPollSeconds = 60; // how often a locked tablet asks for device commands (issue 17.9)
    // Open on the first-run welcome (welcome.h) when there is no store and it was not dismissed.
    // heard sets it when started without --demo or --tour; tests that drive first run opt in.
    bool offerWelcome = false;
};

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
    // Each visible row's height and top, laid out for one width, text size and language
    // (rows are as tall as the flags they have): measured again only when one of those or the
    // list changes, never every frame.
    std::vector<float> rowTop; // rowTop[i]: top of visible row i; back(): the end of the list
    float laidOutWidth = -1.0f, laidOutFontSize = -1.0f;
    std::string laidOutLanguage;
    uint64_t laidOutRevision = ~0ull;
};

class App;

// Overwrites a string's whole buffer (its capacity, not only its length) and empties it: what
// lock does to every passphrase and form field before the memory is reused (issue 17.5).
void wipeText(std::string& text);
// The screen drawn while the app is in the background or has lost focus (screen_privacy.cpp).
void drawPrivacyScreen();

using Action = std::function<void(App&)>;
struct Actions {
    std::vector<Action> queued;
    void later(Action action) { queued.push_back(std::move(action)); }
};

class App {
public:
    App(platform::Window& window, AppOptions options);
    ~App();

    // [SECTION] frames and events
    // Pumps pending events without waiting, draws one frame and presents it.
    void runOneFrame();
    // Draws the current screen, then applies its actions and saves due drafts; call between
    // Window::beginFrame and endFrame.
    void drawFrame();
    void handleEvent(const SDL_Event& event);
    // How long the loop may sleep before a timer (autosave, auto-lock, a worker) needs a
    // frame, in ms; -1: no timer pending.
    int idleWaitMs() const;
    // Worker threads hand results to the main thread here (never touching UI state).
    void postToMain(Action action);
    // The app is in the background, minimised or without focus: frames draw the privacy
    // screen, with nothing of any child, until focus returns.
    bool obscured() const { return m_obscured; }

    platform::Window& window() { return m_window; }
    const AppOptions& options() const { return m_options; }

    // [SECTION] the parts
    Session& session() { return m_session; }
    SyncControl& syncControl() { return m_syncControl; }
    Navigation& nav() { return m_nav; }
    Editors& editors() { return m_editors; }

    // [SECTION] the store and the session (Session)
    const std::string& storeDir() const { return m_session.storeDir(); }
    bool storeExists() const { return m_session.exists(); }
    bool unlocked() const { return m_session.store() != nullptr; }
    bool unlocking() const { return m_session.unlocking(); }
    storage::Store* store() { return m_session.store(); }
    const std::string& practitioner() const { return m_session.practitioner(); }
    std::string now() const;
    // The author recorded on new records: the practitioner id the central system knows once
    // enrolled (it checks it), the typed name before.
    std::string author();

    // Makes the store on first run, deriving its key on a worker like unlock.
    void beginCreateStore(const std::string& name, const std::string& role, const std::string& passphrase);
    // Makes the store and waits for it (tests, benchmarks).
    void createStore(const std::string& name, const std::string& role, const std::string& passphrase);
    // Starts unlocking on a worker (Argon2id takes about a second); the unlock screen shows
    // "Unlocking" and keeps drawing. The result arrives through postToMain.
    void beginUnlock(const std::string& passphrase);
    // Unlocks and waits for the result (tests, the tour).
    void unlock(const std::string& passphrase);
    // Saves every editor, clears them, shows the lock screen and hands the store and the sync
    // threads to a closer: returns at once, whatever the network is doing.
    void lock();
    // Returns once every store a lock handed to a closer is closed: for code that opens the
    // store file itself after a lock (tests, tools), which would otherwise race the closer.
    void finishClosing() { m_syncControl.waitForClosers(); }
    // Checks the passphrase on a worker (leaving child mode); `then` runs on the main thread
    // with an empty string when it was right, or the reason in words.
    void beginVerifyPassphrase(const std::string& passphrase,
                               std::function<void(App&, const std::string&)> then);
    bool verifyingPassphrase() const { return m_session.verifying(); }
    // A store error in words for the practitioner.
    void report(const std::exception& error, const std::string& doing);
    // The first-run welcome was read: remember it (welcome.h) and go on to set up the store.
    void dismissWelcome();

    // [SECTION] navigation (Navigation)
    ScreenId screen() const { return m_nav.screen(); }
    void show(ScreenId screen) { m_nav.show(screen); }
    const std::string& childId() const { return m_nav.childId(); }
    const std::string& recordId() const { return m_nav.recordId(); }
    void openChild(const std::string& childId);
    // Opens any record where its kind says (record_kinds.h): a draft in its editor, a signed
    // record read-only.
    void openRecord(const std::string& recordId);
    void back();

    // [SECTION] what screens read, cached behind the store's revision
    const std::vector<model::CaseloadRow>& caseload();
    std::optional<storage::Child> currentChild();
    const std::vector<storage::Record>& recordsOfCurrentChild();
    const tools::ContentLibrary& activityLibrary();

    // [SECTION] sync (SyncControl)
    bool enrolled();
    void enrol(); // signs in with the sync control's form on a worker thread
    // Enrolling again (issue 20, app/ui/case_life.cpp): checks the passphrase typed on the
    // Central system screen, stops the sync thread and shows the sign-in form; cancel goes back.
    void beginEnrolAgain();
    void cancelEnrolAgain();
    // A remote wipe (from a sync, or asked for while locked): locks, closes the store, destroys
    // the key material, then the files (storage/erase.h), and says so on the lock screen.
    void wipeThisTablet();
    void syncNow() { m_syncControl.syncNow(); }
    // A case's whole life (issue 20, app/ui/case_life.cpp). What the child's page says about
    // the current child's case: taken away and waiting to leave (and what keeps it), refused
    // records, secured for review. Cached behind the store's revision.
    struct CaseLife {
        bool leaving = false;            // reallocated or closed: leaves once everything is sent
        storage::CaseRemovalBlock block; // what keeps it here meanwhile
        size_t refusedReallocated = 0;   // records the server refused: begun after it was taken away
        bool secured = false;            // secured for a review: nothing more can be added
    };
    const CaseLife& caseLifeOfCurrentChild();
    // The sync thread removed a case taken away from this tablet (on the main thread).
    void caseRemoved(const std::string& caseId);
    std::optional<sync::SyncStatus> syncStatus() const { return m_syncControl.status(); }

    // [SECTION] records being written (Editors)
    // Saves every dirty editor now (back, lock, going to the background). Failures become the
    // notice; the editors stay dirty and keep what was typed.
    void saveDrafts();
    void startVisit() { m_editors.visit.start(*this); }
    void enterChildMode(const std::string& contentId) { m_editors.childMode.enter(*this, contentId); }
    void openSkinMap(const std::string& parentRecordId) { m_editors.skinMap.startNew(*this, parentRecordId); }
    void openSavedSkinMap(const std::string& recordId);
    void closeSkinMap();
    void openConflictAnalysis(const std::string& visitId);
    void startAddendum(const std::string& parentRecordId) { m_editors.addendum.start(*this, parentRecordId); }

    UnlockForm unlockForm;
    CaseloadView caseloadView;
    Notice notice;

private:
    void applyActions(std::vector<Action>& actions);
    void keepCaseloadDerived();
    void saveDue(bool force);
    void afterUnlock(std::unique_ptr<storage::Store> store);
    // The unlock or create worker's result, on the main thread.
    void sessionOpened(std::unique_ptr<storage::Store> store, std::exception_ptr error, bool created);
    Session::UnlockDone postSessionResult(bool created);
    void drainWorkerQueue();
    void autoLockIfIdle();
    void startSync();
    void reportIntegrityCheck();
    void wipeCaches();

    platform::Window& m_window;
    AppOptions m_options;
    Session m_session;
    SyncControl m_syncControl;
    Navigation m_nav;
    Editors m_editors;
    std::unique_ptr<tools::ContentLibrary> m_library;
    uint64_t m_childRecordsRevision = ~0ull;
    std::string m_childRecordsFor;
    std::vector<storage::Record> m_childRecords;
    uint64_t m_caseLifeRevision = ~0ull;
    std::string m_caseLifeFor;
    CaseLife m_caseLife;
    std::mutex m_mainQueueMutex;
    std::vector<Action> m_mainQueue;
    std::chrono::steady_clock::time_point m_lastInput;
    bool m_integrityReported = false;
    bool m_obscured = false;
};

} // namespace heard::ui
