// [SECTION] Index
//   frames and events, the session (unlock, lock), navigation and caches, sync, records
#include "app/ui/app.h"
#include "app/ui/content_updates.h"

#include "app/i18n/i18n.h"
#include "app/model/demo_caseload.h"
#include "app/tools/framework/model/activity_content.h"
#include "app/tools/skin_map/view/skin_map_controller.h"
#include "app/ui/record_kinds.h"
#include "app/ui/screens.h"
#include "app/ui/settings.h"
#include "app/ui/sync_status_text.h"
#include "app/ui/spelling_service.h"
#include "app/ui/welcome.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/text_area.h"
#include "app/ui/kit/widgets.h"
#include "platform/window.h"
#include "storage/erase.h"
#include "storage/keys.h"
#include "platform/process_hardening.h"
#include "sync/sync_client.h"

#include <imgui_internal.h>
#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace heard::ui {

namespace {

// The fictional organisation's recovery public key, used until enrolment delivers the real
// one. Its secret key is not in this repository: stores made before enrolment can be
// recovered only after they are re-sealed at enrolment.
std::vector<unsigned char> embeddedRecoveryPublicKey() {
    static const std::vector<unsigned char> s_key = storage::RecoveryKeyPair::generate().publicKey;
    return s_key;
}

// ImGui's error recovery reports each thing it closes; the notice already says what failed.
void ignoreImGuiRecoveryLog(void*, const char*, ...) {}

template <typename T> void wipeVector(ImVector<T>& v) {
    if (v.Data) sodium_memzero(v.Data, size_t(v.Capacity) * sizeof(T));
    v.clear();
}

// ImGui copies the text of the field being edited into its own buffers (the UTF-16 edit
// buffer, a UTF-8 copy, the text as it was when the field was focused, the undo history),
// queues typed characters, and formats ImGui::Text into a scratch buffer. Lock wipes them all.
void wipeImGuiText() {
    ImGuiContext* context = ImGui::GetCurrentContext();
    if (!context) return;
    ImGuiContext& g = *context;
    ImGui::ClearActiveID();
    ImGuiInputTextState& state = g.InputTextState;
    wipeVector(state.TextW);
    wipeVector(state.TextA);
    wipeVector(state.InitialTextA);
    sodium_memzero(&state.Stb, sizeof(state.Stb)); // the undo history holds deleted text
    state.ID = 0;
    state.CurLenW = state.CurLenA = 0;
    state.TextAIsValid = false;
    ImGuiIO& io = ImGui::GetIO();
    if (io.InputQueueCharacters.Data)
        sodium_memzero(io.InputQueueCharacters.Data,
                       size_t(io.InputQueueCharacters.Capacity) * sizeof(ImWchar));
    io.InputQueueCharacters.resize(0);
    sodium_memzero(g.TempBuffer, sizeof(g.TempBuffer));
    wipeTextAreas(); // the kit's own text areas: undo history, queued input, composition
}

} // namespace

void wipeText(std::string& text) {
    // capacity() bytes are usable, plus the terminator, which is already zero.
    sodium_memzero(text.data(), text.capacity());
    text.clear();
}

App::App(platform::Window& window, AppOptions options)
    : m_window(window), m_options(std::move(options)),
      m_session(m_options.demo ? m_options.dataDir + "/demo" : m_options.dataDir, m_options.clock,
                m_options.fastKeyDerivationForTests),
      m_practitioners(m_session.storeDir()), m_lastInput(uiNow()) {
    m_session.beforeOpening = [this] { m_syncControl.waitForClosers(); };
    m_tabletLanguage = i18n::language();
    m_tabletTextSize = m_window.textSize();
    // One practitioner (a single-practitioner tablet, as ever): theirs is the store to unlock.
    if (m_practitioners.list().size() == 1) choosePractitioner(m_practitioners.list().front().id);
    EnrolForm& form = m_syncControl.enrolForm;
    form.org = m_options.orgConfig;
    try {
        if (!form.org) form.org = sync::loadOrgConfig(m_options.dataDir);
    } catch (const sync::OrgConfigError& e) {
        form.orgError = e.what(); // shown on the sign-in screen; nothing else depends on it
    }
    if (m_options.offerWelcome && !m_options.demo && !storeExists() && !welcomeDismissed(m_options.dataDir))
        m_nav.show(ScreenId::Welcome);
}

void App::dismissWelcome() {
    show(ScreenId::Unlock); // first: a marker that cannot be written never keeps the store from being set up
    try {
        rememberWelcomeDismissed(m_options.dataDir);
    } catch (const std::exception& e) {
        report(e, _("remembering that the welcome was read"));
    }
}

App::~App() {
    m_session.waitForUnlock();
    m_session.waitForVerify();
    {
        // An unlock that finished after the last frame would leave an open store in the queue.
        std::vector<Action> pending;
        std::lock_guard<std::mutex> guard(m_mainQueueMutex);
        pending.swap(m_mainQueue);
    }
    lock();
    m_syncControl.stopLockedPoll(); // its worker posts to this App
    m_syncControl.waitForClosers();
}

// [SECTION] frames and events

void App::runOneFrame() {
    m_window.pumpEvents(0, [this](const SDL_Event& event) { handleEvent(event); });
    m_window.beginFrame();
    drawFrame();
    m_window.endFrame();
}

void App::drawFrame() {
    setFrameContext(m_window.scale(), m_window.fonts());
    // Any touch or pointer movement counts as activity for auto-lock (SDL events alone would
    // miss input that reaches ImGui another way, such as the test driver's pointer).
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left) || io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f)
        m_lastInput = uiNow();
    {
        std::vector<Action> fromWorkers;
        {
            std::lock_guard<std::mutex> guard(m_mainQueueMutex);
            fromWorkers.swap(m_mainQueue);
        }
        applyActions(fromWorkers);
    }
    saveDue(false);
    autoLockIfIdle();
    syncSpelling(*this); // the practitioner's own words come and go with the store
    if (!unlocked() && screen() != ScreenId::Unlock && screen() != ScreenId::Welcome) show(ScreenId::Unlock);
    reportIntegrityCheck();

    // The exception barrier of the frame: a screen that throws (a store read that fails, a
    // damaged record) leaves a notice and the rest of the app running. The ImGui window stack
    // is closed by ImGui's own error recovery at the end of the frame.
    Actions actions;
    try {
        // In the background or without focus the privacy screen stands in for every screen
        // (child mode too): the screen underneath keeps its state for when focus returns.
        if (m_obscured && unlocked())
            drawPrivacyScreen();
        else {
            const ScreenSpec& spec = screenSpec(screen());
            const bool safetyBar = spec.aboutChild && !childId().empty();
            setScreenTopInset(safetyBar ? safetyControlHeight(*this) : 0.0f);
            spec.draw(*this, actions);
            setScreenTopInset(0.0f);
            if (safetyBar) drawSafetyControl(*this, actions);
        }
    } catch (const std::exception& e) {
        setScreenTopInset(0.0f);
        report(e, _("showing this screen"));
        // Close what the screen left open (windows, IDs, styles), as ImGui's own error
        // recovery does; the log callback keeps it from asserting.
        ImGui::ErrorCheckEndFrameRecover(ignoreImGuiRecoveryLog, nullptr);
    }
    applyActions(actions.queued);
    keepCaseloadDerived();
    // What the frame changed reaches the store now, after drawing (at once for a tap in the
    // skin map or the child's activity; kAutosaveDelay after typing for the rest).
    saveDue(false);
    if (m_editors.skinMap.afterFrame() && screen() == ScreenId::SkinMap) closeSkinMap();
}

void App::keepCaseloadDerived() {
    // After the frame, never while drawing: the deadlines the caseload worked out from concerns
    // go to the store, so the next unlock shows the caseload without reading every concern.
    storage::Store* store = m_session.store();
    if (!store) return;
    auto derived = caseloadView.index.takeDerivedToSave();
    auto unreadable = caseloadView.index.takeUnreadableDerived();
    try {
        store->saveCaseloadDerived(model::CaseloadIndex::kDerivedFormat, derived);
        store->forgetCaseloadDerived(unreadable);
    } catch (const std::exception&) {
        // Only a cache: the rows on screen are right, and a failing store shows on the next write.
    }
}

void App::applyActions(std::vector<Action>& actions) {
    for (auto& action : actions) {
        try {
            action(*this);
        } catch (const std::exception& e) {
            report(e, _("saving"));
        }
    }
    actions.clear();
}

void App::saveDue(bool force) {
    storage::Store* store = m_session.store();
    if (!store) return;
    for (const auto& failure : m_editors.set.save(*store, force))
        notice = {std::string(_("Could not save ")) + failure.editor->what() + ": " + failure.reason + " " +
                      _("Nothing typed is lost: it stays on screen and is saved again."),
                  true};
}

void App::reportIntegrityCheck() {
    // The whole-file check runs on the store's own worker after unlock (the caseload shows
    // first); its result is told once, and only a failure needs words.
    if (!unlocked() || m_integrityReported) return;
    const storage::IntegrityStatus status = store()->integrityStatus();
    if (status.state == storage::IntegrityStatus::State::Ok) m_integrityReported = true;
    if (status.state != storage::IntegrityStatus::State::Failed) return;
    m_integrityReported = true;
    std::string text = _("This tablet's store failed its integrity check. Nothing has been changed or "
                         "deleted. Sync now if you can, then call support; do not reset the tablet.");
    for (const auto& problem : status.problems)
        text += "\n" + problem;
    notice = {text, true};
}

void App::saveDrafts() {
    saveDue(true);
}

void App::handleEvent(const SDL_Event& event) {
    textAreaEvent(event); // keys, text and IME composition for the focused text area
    switch (event.type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEMOTION:
    case SDL_FINGERDOWN:
    case SDL_KEYDOWN:
    case SDL_TEXTINPUT:
    case SDL_MOUSEWHEEL:
        m_lastInput = uiNow();
        break;
    case SDL_APP_WILLENTERBACKGROUND:
        m_obscured = true; // the app switcher's thumbnail is taken from the next frame
        saveDrafts();      // the OS may kill a backgrounded app without warning
        break;
    case SDL_APP_DIDENTERFOREGROUND:
        m_obscured = false;
        break;
    case SDL_APP_TERMINATING:
        // The OS may kill a backgrounded app without warning: keep nothing only in memory.
        saveDrafts();
        break;
    case SDL_WINDOWEVENT:
        switch (event.window.event) {
        case SDL_WINDOWEVENT_FOCUS_LOST:
        case SDL_WINDOWEVENT_MINIMIZED:
        case SDL_WINDOWEVENT_HIDDEN:
            m_obscured = true;
            break;
        case SDL_WINDOWEVENT_FOCUS_GAINED:
            m_obscured = false;
            break;
        default:
            break;
        }
        break;
    default:
        break;
    }
    if (screen() == ScreenId::SkinMap && m_editors.skinMap.controller())
        m_editors.skinMap.controller()->handleEvent(event);
    if (screen() == ScreenId::ChildMode && m_editors.childMode.session)
        tools::handleActivityEvent(*m_editors.childMode.session, event);
}

int App::idleWaitMs() const {
    using namespace std::chrono;
    const auto nowTime = uiNow();
    long long wait = -1;
    auto consider = [&](steady_clock::time_point due) {
        const long long ms =
            due <= nowTime ? 0 : std::max<long long>(0, duration_cast<milliseconds>(due - nowTime).count());
        wait = wait < 0 ? ms : std::min(wait, ms);
    };
    if (const auto due = m_editors.set.nextDue()) consider(*due);
    if (unlocked() && screen() != ScreenId::ChildMode && m_options.autoLockSeconds > 0)
        consider(m_lastInput + seconds(m_options.autoLockSeconds) + milliseconds(50));
    if (unlocking() || verifyingPassphrase())
        consider(nowTime + milliseconds(250)); // the "Unlocking" / "Checking" screens stay alive
    if (unlocked() && !m_integrityReported) consider(nowTime + milliseconds(500)); // the check's result
    return int(std::min<long long>(wait, 1 << 30));
}

void App::postToMain(Action action) {
    {
        std::lock_guard<std::mutex> guard(m_mainQueueMutex);
        m_mainQueue.push_back(std::move(action));
    }
    platform::Window::wakeFromAnyThread();
}

// [SECTION] the session

std::string App::now() const {
    return storage::formatIsoUtc(m_options.clock ? m_options.clock() : std::chrono::system_clock::now());
}

std::string App::author() {
    if (!store()) return practitioner();
    return store()->setting(sync::setting::kPractitionerId).value_or(practitioner());
}

void App::report(const std::exception& error, const std::string& doing) {
    using K = storage::StoreErrorKind;
    const auto* storeError = dynamic_cast<const storage::StoreError*>(&error);
    std::string text;
    switch (storeError ? storeError->kind() : K::Sqlite) {
    case K::WrongPassphrase:
        text = _("That passphrase is not right. Nothing was changed.");
        break;
    case K::RetryLater:
        text = _("Too many wrong tries. Please wait before trying again.");
        break;
    case K::Missing:
        text = _("The store is missing from this tablet.");
        break;
    case K::NotAStore:
        text =
            _("The store on this tablet cannot be read: it is damaged or not a Heard store. It has not been "
              "changed. Please contact support; do not reset the tablet.");
        break;
    case K::TooNew:
        text = _("This store was made by a newer Heard. Please update the app.");
        break;
    case K::DiskFull:
        text = _("The tablet is full. Nothing was lost, but the last change was not saved: free some space.");
        break;
    case K::ReadOnlyRecord:
        text = _("This record is signed and cannot change. Add an addendum instead.");
        break;
    case K::RolledBack:
        text = _("Signed records are missing from this tablet's store (it may have been damaged or "
                 "restored from an old copy). Nothing has been changed. Please call support; do not "
                 "reset the tablet.");
        break;
    default:
        text = std::string(_("Could not finish ")) + doing + ": " + error.what();
        break;
    }
    notice = {text, true};
}

void App::afterUnlock(std::unique_ptr<storage::Store> store) {
    m_syncControl.stopLockedPoll(); // unlocked: commands come with the sync again
    m_session.open(std::move(store));
    m_integrityReported = false;
    if (m_practitioners.shared()) {
        // The lock screen lists them by the name they gave (the first store's became known only now).
        if (const PractitionerProfile* profile = m_practitioners.findByDir(storeDir())) try {
                m_practitioners.rememberName(profile->id, practitioner());
            } catch (const std::exception&) {
                // Only the list's label: the store is open and nothing of it is lost.
            }
    }
    m_session.store()->startIntegrityCheck();
    unlockForm = UnlockForm{};
    notice = {};
    m_lastInput = uiNow();
    m_nav.reset();
    show(ScreenId::Caseload);
    applyPractitionerSettings(*this); // their language and text size (settings.h)
    // A safety alert not yet signed (a lock, a crash) is the first screen again (issue 14).
    try {
        m_editors.safetyAlert.restore(*this);
    } catch (const std::exception& e) {
        report(e, _("opening the safety alert"));
    }
    startSync();
}

Session::UnlockDone App::postSessionResult(bool created) {
    return [this, created](std::unique_ptr<storage::Store> store, std::exception_ptr error) {
        auto opened = std::make_shared<std::unique_ptr<storage::Store>>(std::move(store));
        postToMain([opened, error, created](App& a) { a.sessionOpened(std::move(*opened), error, created); });
    };
}

void App::sessionOpened(std::unique_ptr<storage::Store> store, std::exception_ptr error, bool created) {
    m_session.unlockFinished();
    if (!error && store) {
        if (created) {
            m_practitioners.adding = false;
            m_practitioners.refresh();
        }
        if (created && m_options.demo) {
            const model::DemoCaseload demo = model::demoCaseload();
            for (const auto& c : demo.cases)
                store->putCase(c);
            for (const auto& child : demo.children)
                store->putChild(child);
        }
        afterUnlock(std::move(store));
        return;
    }
    try {
        std::rethrow_exception(error);
    } catch (const storage::StoreError& e) {
        report(e, created ? _("creating the store") : _("unlocking"));
        unlockForm.retryAfterSeconds = e.retryAfterSeconds();
    } catch (const std::exception& e) {
        report(e, created ? _("creating the store") : _("unlocking"));
    }
    unlockForm.error = notice.text;
    notice = {};
}

void App::drainWorkerQueue() {
    std::vector<Action> fromWorkers;
    {
        std::lock_guard<std::mutex> guard(m_mainQueueMutex);
        fromWorkers.swap(m_mainQueue);
    }
    applyActions(fromWorkers);
}

void App::beginCreateStore(const std::string& name, const std::string& role, const std::string& passphrase) {
    if (unlocked() || unlocking()) return;
    unlockForm.error.clear();
    // Where it goes: the data folder on a new tablet, a folder of its own for a practitioner
    // added to a tablet that has a store (practitioners.h). Never over another's store.
    try {
        const PractitionerProfile place = m_practitioners.placeNew(name);
        m_session.setStoreDir(place.dir);
        m_practitioners.choose(place.id);
    } catch (const std::exception& e) {
        report(e, _("adding a practitioner to this tablet"));
        unlockForm.error = notice.text;
        notice = {};
        return;
    }
    m_session.beginCreate(name, role, passphrase, embeddedRecoveryPublicKey(), postSessionResult(true));
}

void App::createStore(const std::string& name, const std::string& role, const std::string& passphrase) {
    beginCreateStore(name, role, passphrase);
    m_session.waitForUnlock();
    drainWorkerQueue();
}

void App::beginUnlock(const std::string& passphrase) {
    if (unlocked() || unlocking()) return;
    unlockForm.error.clear();
    if (m_options.demo && !m_session.exists() && storeDir() == m_practitioners.rootDir()) {
        // The demo store is made at its first unlock, with the passphrase shown on screen.
        if (passphrase == model::kDemoPassphrase) {
            beginCreateStore(model::kDemoPractitioner, "Family Court Adviser (demo)", model::kDemoPassphrase);
        } else {
            unlockForm.error = _("That passphrase is not right. Nothing was changed.");
        }
        return;
    }
    m_session.beginUnlock(passphrase, postSessionResult(false));
}

void App::unlock(const std::string& passphrase) {
    beginUnlock(passphrase);
    m_session.waitForUnlock();
    drainWorkerQueue();
}

void App::beginVerifyPassphrase(const std::string& passphrase,
                                std::function<void(App&, const std::string&)> then) {
    if (!unlocked() || m_session.verifying()) return;
    m_session.beginVerify(passphrase, [this, then = std::move(then)](std::exception_ptr error) {
        postToMain([error, then](App& a) {
            a.m_session.verifyFinished();
            std::string why;
            if (error) {
                try {
                    std::rethrow_exception(error);
                } catch (const std::exception& e) {
                    a.report(e, _("checking the passphrase"));
                    why = a.notice.text;
                    a.notice = {};
                } catch (...) {
                    why = _("The passphrase could not be checked.");
                }
            }
            then(a, why);
        });
    });
}

void App::lock() {
    bool unsaved = false;
    if (unlocked()) {
        saveDrafts();
        unsaved = m_editors.set.anyDirty();
    }
    m_editors.set.clearAll();
    // The threads that use the store stop, and the store closes, on a closer thread: the lock
    // screen shows at once whatever the network is doing.
    m_syncControl.stopAndClose(m_session.release());
    m_nav.reset();
    m_library.reset(); // content updates pulled while unlocked apply from the next unlock
    // A notice may name a child or a record: the lock screen shows none of the last session's
    // (what locked it says so itself, after this). A failed save is told without its details.
    wipeText(notice.text);
    notice = {};
    if (unsaved) notice = catalogueNotice(N_("Something could not be saved before locking."), true);
    wipeCaches();
    // A shared tablet's lock screen lists the practitioners with none chosen, in the tablet's own
    // language and text size: nothing says who used it last.
    m_practitioners.adding = false;
    m_practitioners.refresh();
    if (m_practitioners.shared()) {
        forgetPractitionerChoice();
        if (i18n::language() != m_tabletLanguage) i18n::setLanguage(m_tabletLanguage);
        if (m_window.textSize() != m_tabletTextSize) m_window.setTextSize(m_tabletTextSize);
    } else if (m_practitioners.list().size() == 1)
        choosePractitioner(m_practitioners.list().front().id);
    show(ScreenId::Unlock);
}

void App::choosePractitioner(const std::string& id) {
    if (unlocked() || unlocking()) return;
    const PractitionerProfile* profile = m_practitioners.find(id);
    if (!profile || !m_session.setStoreDir(profile->dir)) return;
    m_practitioners.choose(id);
    m_practitioners.adding = false;
    wipeText(unlockForm.passphrase);
    unlockForm.error.clear();
    unlockForm.retryAfterSeconds = 0;
}

void App::forgetPractitionerChoice() {
    if (unlocked() || unlocking()) return;
    m_practitioners.forgetChoice();
    wipeText(unlockForm.passphrase);
    unlockForm.error.clear();
    unlockForm.retryAfterSeconds = 0;
}

void App::beginAddingPractitioner() {
    if (unlocked() || unlocking()) return;
    for (std::string* text : {&unlockForm.name, &unlockForm.passphrase, &unlockForm.confirmation})
        wipeText(*text);
    unlockForm = UnlockForm{};
    m_practitioners.adding = true;
}

void App::cancelAddingPractitioner() {
    if (unlocking()) return;
    m_practitioners.adding = false;
    for (std::string* text : {&unlockForm.name, &unlockForm.passphrase, &unlockForm.confirmation})
        wipeText(*text);
    unlockForm = UnlockForm{};
    m_practitioners.refresh();
    if (m_practitioners.list().size() == 1) choosePractitioner(m_practitioners.list().front().id);
}

void App::pollWhileLocked() {
    if (unlocked() || unlocking()) return;
    const auto interval = std::chrono::seconds(m_options.lockedPollSeconds);
    for (const PractitionerProfile& profile : m_practitioners.list())
        m_syncControl.pollWhileLocked(profile.dir, interval,
                                      [this, dir = profile.dir](sync::DeviceCommand command) {
                                          if (command == sync::DeviceCommand::Wipe)
                                              postToMain([dir](App& a) { a.wipeStoreAt(dir); });
                                      });
}

void App::wipeCaches() {
    // Nothing typed or read stays in memory after lock (issue 17.5): every form field is
    // overwritten before it is emptied, and containers give their memory back (the app's
    // zero-on-free allocator, platform/zero_on_free.cpp, wipes what they free).
    wipeText(caseloadView.search);
    if (caseloadView.filteredFor) wipeText(*caseloadView.filteredFor);
    caseloadView = CaseloadView{};
    std::vector<storage::Record>().swap(m_childRecords); // clear() would keep the old elements' bytes
    wipeText(m_childRecordsFor);
    m_childRecordsRevision = ~0ull;
    wipeText(m_caseLifeFor);
    m_caseLife = CaseLife{};
    m_caseLifeRevision = ~0ull;
    for (std::string* text : {&unlockForm.name, &unlockForm.role, &unlockForm.passphrase,
                              &unlockForm.confirmation, &unlockForm.error})
        wipeText(*text);
    unlockForm = UnlockForm{};
    if (!m_syncControl.enrolForm.busy) {
        // A sign-in still running holds its own copy, wiped when its thread ends.
        wipeText(m_syncControl.enrolForm.password);
        wipeText(m_syncControl.enrolForm.username);
        wipeText(m_syncControl.enrolForm.error);
        wipeText(m_syncControl.enrolForm.againPassphrase);
        wipeText(m_syncControl.enrolForm.againError);
        m_syncControl.enrolForm.again = false;
    }
    wipeImGuiText();
    // Locals of the frames that drew a child's page or a form lie below this frame.
    platform::scrubStack();
}

void App::autoLockIfIdle() {
    // Child mode locks too (issue 18.9): a tablet left with a child, untouched, closes the
    // store; the lock screen shows nothing of the child's or the practitioner's.
    if (!unlocked() || m_options.autoLockSeconds <= 0) return;
    if (uiNow() - m_lastInput <= std::chrono::seconds(m_options.autoLockSeconds)) return;
    lock();
    notice = catalogueNotice(N_("Locked after a quiet spell. Your drafts were saved."));
}

// [SECTION] navigation and caches

void App::openChild(const std::string& childId) {
    m_nav.setChild(childId);
    show(ScreenId::Child);
    if (store()) store()->audit(practitioner(), "open", "child:" + childId);
}

void App::openRecord(const std::string& recordId) {
    if (!store()) return;
    const storage::Record record = store()->openRecord(recordId, practitioner());
    const RecordKindSpec* kind = recordKinds().find(record.kind);
    m_nav.setRecord(recordId);
    if (kind && kind->open && kind->open(*this, record)) return;
    show(ScreenId::Record);
}

void App::back() {
    saveDrafts();
    const ScreenSpec& spec = screenSpec(screen());
    if (spec.back) {
        spec.back(*this);
        return;
    }
    show(childId().empty() ? ScreenId::Caseload : ScreenId::Child);
}

const std::vector<model::CaseloadRow>& App::caseload() {
    if (store() && caseloadView.builtAtRevision != store()->revision()) {
        const uint64_t revision = store()->revision();
        const auto nowTime = m_options.clock ? m_options.clock() : std::chrono::system_clock::now();
        // Only the children whose summary changed since the last look (issue 19).
        // Follow-up deadlines the store kept from an earlier look stand for the concerns.
        if (caseloadView.index.apply(
                store()->caseloadChanges(caseloadView.index.upTo(), model::CaseloadIndex::kDerivedFormat),
                nowTime))
            caseloadView.filteredFor.reset(); // the rows changed: filter again
        caseloadView.builtAtRevision = revision;
    }
    return caseloadView.index.rows();
}

std::optional<storage::Child> App::currentChild() {
    if (!store() || childId().empty()) return std::nullopt;
    return store()->childById(childId());
}

const std::vector<storage::Record>& App::recordsOfCurrentChild() {
    // Read once per store revision, not every frame: screens draw from this copy.
    if (!store() || childId().empty()) {
        m_childRecords.clear();
        m_childRecordsFor.clear();
        return m_childRecords;
    }
    if (m_childRecordsFor != childId() || m_childRecordsRevision != store()->revision()) {
        m_childRecords = store()->recordsForChild(childId());
        m_childRecordsFor = childId();
        m_childRecordsRevision = store()->revision();
    }
    return m_childRecords;
}

const tools::ContentLibrary& App::activityLibrary() {
    // Built once per unlock with the store's signed content updates (content_updates.h) and dropped
    // at lock: an update pulled meanwhile takes effect at the next unlock.
    if (!m_library || (store() && !m_libraryHasStore)) {
        m_library = std::make_unique<tools::ContentLibrary>(loadActivityLibrary(store()));
        m_libraryHasStore = store() != nullptr;
    }
    return *m_library;
}

// [SECTION] sync

bool App::enrolled() {
    return store() && store()->setting(sync::setting::kDeviceId).has_value();
}

void App::startSync() {
    if (!store() || m_syncControl.running() || !enrolled()) return;
    // Where it enrolled wins; the trust pinned at enrolment is applied by the client itself.
    const auto& org = m_syncControl.enrolForm.org;
    sync::ServerEndpoint endpoint = org ? sync::endpointFor(*org) : sync::ServerEndpoint{};
    endpoint.host = store()->setting(sync::setting::kServerHost).value_or(endpoint.host);
    const int port = std::atoi(store()->setting(sync::setting::kServerPort).value_or("0").c_str());
    if (port > 0) endpoint.port = port;
    sync::DeviceActions deviceActions;
    // Remote commands arrive on the sync thread; they run on the main thread.
    deviceActions.lock = [this] {
        postToMain([](App& a) {
            a.lock();
            a.notice = catalogueNotice(N_("This tablet was locked by your organisation."), true);
        });
    };
    deviceActions.wipe = [this] { postToMain([](App& a) { a.wipeThisTablet(); }); };
    deviceActions.removeCase = [this](const std::string& caseId) {
        postToMain([caseId](App& a) { a.caseRemoved(caseId); });
    };
    auto service = std::make_unique<sync::SyncService>(*store(), endpoint, deviceActions);
    service->setOnChange([] { platform::Window::wakeFromAnyThread(); });
    std::function<void()> onNetwork;
    if (m_options.watchNetwork)
        onNetwork = [this] { postToMain([](App& a) { a.m_syncControl.connectivityChanged(); }); };
    m_syncControl.start(std::move(service), std::move(onNetwork));
}

void App::wipeThisTablet() {
    wipeStoreAt(storeDir());
}

void App::wipeStoreAt(std::string dir) {
    if (unlocking()) { // the unlock worker still reads the files: wipe once it has finished
        postToMain([dir](App& a) { a.wipeStoreAt(dir); });
        return;
    }
    const bool shared = m_practitioners.shared();
    const PractitionerProfile* profile = m_practitioners.findByDir(dir);
    const bool listed = profile != nullptr;
    const std::string id = listed ? profile->id : ""; // lock() below reads the list again
    // Only the store being wiped is closed: another practitioner working on now keeps working.
    if (!unlocked() || storeDir() == dir) lock();
    m_syncControl.stopLockedPoll(); // the lock screen polls again for the stores that are left
    m_syncControl.waitForClosers(); // the store is closed before its key material goes
    const storage::EraseReport erased = storage::cryptoEraseStore(dir);
    if (listed && !id.empty()) {
        std::error_code ignored;
        std::filesystem::remove(dir, ignored); // its folder, once empty
    }
    if (listed) m_practitioners.forget(id); // its name leaves the lock screen with it
    m_practitioners.refresh();
    if (!unlocked() && m_practitioners.list().size() == 1)
        choosePractitioner(m_practitioners.list().front().id);
    std::string text;
    if (!erased.keyMaterialDestroyed)
        text = _("Your organisation asked for this tablet to be wiped, but it could not be done completely. "
                 "Please call support.");
    else if (shared)
        text = _("Your organisation wiped one practitioner's records from this tablet. The others' are "
                 "untouched.");
    else
        text = _("Your organisation wiped the records from this tablet.");
    notice = {text, true};
}

void App::enrol() {
    EnrolForm& form = m_syncControl.enrolForm;
    if (!store() || form.busy) return;
    if (!form.org) return; // the sign-in screen says an administrator must install one
    const sync::ServerEndpoint endpoint = sync::endpointFor(*form.org);
    form.busy = true;
    form.error.clear();
    storage::Store* openStore = store();
    m_syncControl.startEnrol([this, openStore, endpoint, user = form.username, pass = form.password] {
        sync::StepResult result, pulled;
        bool signedIn = false;
        // An exception escaping this thread would end the app: it becomes a sign-in error, or,
        // once signed in, a failed first pull that the sync service repeats later.
        try {
            sync::SyncClient client(*openStore, endpoint);
            result = client.enrol(user, pass, "Heard tablet");
            signedIn = result.ok();
            if (signedIn) pulled = client.pull();
        } catch (const std::exception& e) {
            (signedIn ? pulled : result) = {sync::SyncFailure::LocalStore, e.what()};
        }
        postToMain([result, pulled](App& a) {
            EnrolForm& done = a.m_syncControl.enrolForm;
            done.busy = false;
            done.password.clear();
            if (!result.ok()) {
                done.error =
                    std::string(_("Could not sign in: ")) + syncFailureText(result.failure, result.message);
                return;
            }
            if (!a.unlocked()) return; // locked meanwhile: sync starts at the next unlock
            done.again = false;
            a.m_syncControl.finishEnrol();
            a.notice =
                catalogueNotice(N_("Signed in. Your children and cases are on this tablet; records sync when "
                                   "there is a connection."));
            a.startSync();
            a.show(ScreenId::Caseload);
        });
    });
}

// [SECTION] records with screens of their own

void App::openSavedSkinMap(const std::string& recordId) {
    std::string error;
    const ScreenId from = screen();
    if (!m_editors.skinMap.openSaved(*this, recordId, error)) {
        notice = {std::string(_("The skin map could not be opened: ")) + error, true};
        return;
    }
    m_nav.skinMapReturn = (from == ScreenId::Concern || from == ScreenId::Visit) ? from : ScreenId::Child;
    show(ScreenId::SkinMap);
}

void App::closeSkinMap() {
    m_editors.skinMap.close();
    show(m_nav.skinMapReturn);
}

void App::openConflictAnalysis(const std::string& visitId) {
    if (!store()) return;
    saveDrafts();
    std::string error;
    if (!m_editors.conflict.open(*this, visitId, error)) {
        notice = {std::string(_("The analysis could not be opened: ")) + error, true};
        return;
    }
    m_nav.setChild(m_editors.conflict.screen.childId);
    m_nav.setRecord(m_editors.conflict.screen.recordId);
    show(ScreenId::ConflictAnalysis);
}

} // namespace heard::ui
