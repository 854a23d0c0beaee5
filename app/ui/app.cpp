// [SECTION] Index
//   frame and events, store and session, navigation and caches, records, child mode
#include "app/ui/app.h"

#include "app/i18n/i18n.h"
#include "app/model/child_details.h"
#include "app/model/demo_caseload.h"
#include "app/model/record_fields.h"
#include "app/tools/framework/model/activity_run.h"
#include "app/tools/skin_map/view/skin_map_controller.h"
#include "app/ui/screens.h"
#include "app/ui/widgets.h"
#include "platform/window.h"
#include "storage/keys.h"
#include "sync/sync_client.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace heard::ui {

namespace {

// The fictional organisation's recovery public key, used until enrolment delivers the real
// one. Its secret key is not in this repository: stores made before enrolment can be
// recovered only after they are re-sealed at enrolment.
std::vector<unsigned char> embeddedRecoveryPublicKey() {
    static const std::vector<unsigned char> s_key = storage::RecoveryKeyPair::generate().publicKey;
    return s_key;
}

} // namespace

App::App(platform::Window& window, AppOptions options)
    : m_window(window), m_options(std::move(options)), m_lastInput(std::chrono::steady_clock::now()) {
    m_storeDir = m_options.demo ? m_options.dataDir + "/demo" : m_options.dataDir;
    enrolForm.host = m_options.serverHost;
    enrolForm.port = m_options.serverPort;
}

App::~App() {
    lock();
    if (m_enrolThread.joinable()) m_enrolThread.join();
}

// [SECTION] frame and events

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
        m_lastInput = std::chrono::steady_clock::now();
    {
        std::vector<Action> fromWorkers;
        {
            std::lock_guard<std::mutex> guard(m_mainQueueMutex);
            fromWorkers.swap(m_mainQueue);
        }
        Actions posted;
        posted.queued = std::move(fromWorkers);
        apply(posted);
    }
    autosaveIfDue();
    if (m_store && m_screen != ScreenId::ChildMode && m_options.autoLockSeconds > 0 &&
        std::chrono::steady_clock::now() - m_lastInput > std::chrono::seconds(m_options.autoLockSeconds)) {
        lock();
        notice = {_("Locked after a quiet spell. Your drafts were saved."), false};
    }
    if (!m_store && m_screen != ScreenId::Unlock) m_screen = ScreenId::Unlock;

    Actions actions;
    switch (m_screen) {
    case ScreenId::Unlock:
        drawUnlockScreen(*this, actions);
        break;
    case ScreenId::Caseload:
        drawCaseloadScreen(*this, actions);
        break;
    case ScreenId::Child:
        drawChildScreen(*this, actions);
        break;
    case ScreenId::Visit:
        drawVisitScreen(*this, actions);
        break;
    case ScreenId::Concern:
        drawConcernScreen(*this, actions);
        break;
    case ScreenId::NotSeen:
        drawNotSeenScreen(*this, actions);
        break;
    case ScreenId::Addendum:
        drawAddendumScreen(*this, actions);
        break;
    case ScreenId::Record:
        drawRecordScreen(*this, actions);
        break;
    case ScreenId::ChildMode:
        drawChildModeScreen(*this, actions);
        break;
    case ScreenId::Sync:
        drawSyncScreen(*this, actions);
        break;
    case ScreenId::ConflictAnalysis:
        drawConflictAnalysisScreen(*this, actions);
        break;
    case ScreenId::SkinMap:
        if (!m_skinMap) {
            m_screen = ScreenId::Child;
            break;
        }
        beginScreen("##skinmap");
        m_skinMap->draw();
        endScreen();
        if (m_skinMap->closeRequested()) actions.later([](App& a) { a.closeSkinMap(); });
        break;
    }
    apply(actions);
}

void App::apply(Actions& actions) {
    for (auto& action : actions.queued) {
        try {
            action(*this);
        } catch (const storage::StoreError& e) {
            report(e, _("saving"));
        } catch (const std::exception& e) {
            notice = {std::string(_("Something went wrong: ")) + e.what(), true};
        }
    }
}

void App::handleEvent(const SDL_Event& event) {
    switch (event.type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEMOTION:
    case SDL_FINGERDOWN:
    case SDL_KEYDOWN:
    case SDL_TEXTINPUT:
    case SDL_MOUSEWHEEL:
        m_lastInput = std::chrono::steady_clock::now();
        break;
    case SDL_APP_WILLENTERBACKGROUND:
    case SDL_APP_TERMINATING:
        // The OS may kill a backgrounded app without warning: keep nothing only in memory.
        saveDrafts();
        break;
    default:
        break;
    }
    if (m_screen == ScreenId::SkinMap && m_skinMap) m_skinMap->handleEvent(event);
    if (m_screen == ScreenId::ChildMode && childMode.session)
        tools::handleActivityEvent(*childMode.session, event);
}

int App::idleWaitMs() const {
    using namespace std::chrono;
    const auto nowTime = steady_clock::now();
    long long wait = -1;
    auto consider = [&](steady_clock::time_point due) {
        const long long ms = std::max<long long>(0, duration_cast<milliseconds>(due - nowTime).count());
        wait = wait < 0 ? ms : std::min(wait, ms);
    };
    for (const DraftState* draft : {&visitForm.draft, &concernForm.draft, &notSeenForm.draft})
        if (draft->dirty) consider(draft->lastEdit + kAutosaveDelay);
    if (conflictForm.dirty) consider(conflictForm.lastEdit + kAutosaveDelay);
    if (m_store && m_screen != ScreenId::ChildMode && m_options.autoLockSeconds > 0)
        consider(m_lastInput + seconds(m_options.autoLockSeconds) + milliseconds(50));
    return int(std::min<long long>(wait, 1 << 30));
}

// [SECTION] store and session

bool App::storeExists() const {
    return storage::Store::exists(m_storeDir);
}

std::string App::now() const {
    return storage::formatIsoUtc(m_options.clock ? m_options.clock() : std::chrono::system_clock::now());
}

void App::report(const storage::StoreError& error, const std::string& doing) {
    using K = storage::StoreErrorKind;
    std::string text;
    switch (error.kind()) {
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
    default:
        text = std::string(_("Could not finish ")) + doing + ": " + error.what();
        break;
    }
    notice = {text, true};
}

void App::afterUnlock(std::unique_ptr<storage::Store> store) {
    m_store = std::move(store);
    m_practitioner = m_store->setting("practitioner.name").value_or(_("Practitioner"));
    unlockForm = UnlockForm{};
    notice = {};
    m_lastInput = std::chrono::steady_clock::now();
    m_screen = ScreenId::Caseload;
    startSyncIfEnrolled();
}

void App::seedDemo(storage::Store& store) {
    const model::DemoCaseload demo = model::demoCaseload();
    for (const auto& c : demo.cases)
        store.putCase(c);
    for (const auto& child : demo.children)
        store.putChild(child);
}

void App::createStore(const std::string& name, const std::string& role, const std::string& passphrase) {
    const auto params = m_options.fastKeyDerivationForTests ? storage::KdfParams::fastForTests()
                                                            : storage::KdfParams::interactive();
    storage::StoreOptions storeOptions;
    storeOptions.clock = m_options.clock;
    storeOptions.actor = name;
    auto store =
        storage::Store::create(m_storeDir, passphrase, embeddedRecoveryPublicKey(), params, storeOptions);
    store->setSetting("practitioner.name", name);
    store->setSetting("practitioner.role", role);
    if (m_options.demo) seedDemo(*store);
    afterUnlock(std::move(store));
}

void App::unlock(const std::string& passphrase) {
    if (m_options.demo && !storeExists()) {
        createStore(model::kDemoPractitioner, "Family Court Adviser (demo)", model::kDemoPassphrase);
        if (passphrase != model::kDemoPassphrase) { // the demo is made once; it still wants its passphrase
            lock();
        } else {
            return;
        }
    }
    storage::StoreOptions storeOptions;
    storeOptions.clock = m_options.clock;
    try {
        afterUnlock(storage::Store::unlock(m_storeDir, passphrase, storeOptions));
    } catch (const storage::StoreError& e) {
        report(e, _("unlocking"));
        unlockForm.error = notice.text;
        unlockForm.retryAfterSeconds = e.retryAfterSeconds();
        notice = {};
    }
}

bool App::verifyPassphrase(const std::string& passphrase, std::string& error) {
    if (!m_store) return false;
    try {
        m_store->verifyPassphrase(passphrase);
        return true;
    } catch (const storage::StoreError& e) {
        report(e, _("checking the passphrase"));
        error = notice.text;
        notice = {};
        return false;
    }
}

void App::lock() {
    // A sign-in in flight uses the store: let it finish before the store closes.
    if (m_enrolThread.joinable()) m_enrolThread.join();
    stopSync();
    if (!m_store) return;
    saveDrafts();
    if (m_skinMap) m_skinMap->flush();
    if (childMode.session) childMode.session->save();
    m_store.reset(); // closes the database and wipes the key
    m_practitioner.clear();
    m_childId.clear();
    m_recordId.clear();
    caseloadView = CaseloadView{};
    visitForm = VisitForm{};
    concernForm = ConcernForm{};
    notSeenForm = NotSeenForm{};
    addendumForm = AddendumForm{};
    conflictForm = ConflictForm{};
    childMode = ChildModeState{};
    m_skinMap.reset();
    unlockForm = UnlockForm{};
    m_screen = ScreenId::Unlock;
}

// [SECTION] navigation and caches

void App::openChild(const std::string& childId) {
    m_childId = childId;
    m_screen = ScreenId::Child;
    if (m_store) m_store->audit(m_practitioner, "open", "child:" + childId);
}

void App::openRecord(const std::string& recordId) {
    if (!m_store) return;
    const storage::Record record = m_store->openRecord(recordId, m_practitioner);
    if (record.kind == tools::kConflictAnalysisKind) { // draft or signed: its own screen
        openConflictAnalysis(record.parentId);
        return;
    }
    m_recordId = recordId;
    if (record.status == storage::RecordStatus::Draft) {
        // A draft reopens in its editor, as it was left.
        if (record.kind == "visit") {
            visitForm = VisitForm{};
            visitForm.draft.recordId = recordId;
            visitForm.visit = model::visitFromJson(record.payload);
            visitForm.started = true;
            m_screen = ScreenId::Visit;
            return;
        }
        if (record.kind == "concern") {
            concernForm = ConcernForm{};
            concernForm.draft.recordId = recordId;
            concernForm.concern = model::concernFromJson(record.payload);
            concernForm.highRisk = record.highRisk;
            m_screen = ScreenId::Concern;
            return;
        }
        if (record.kind == "not_seen") {
            notSeenForm = NotSeenForm{};
            notSeenForm.draft.recordId = recordId;
            notSeenForm.reason = record.payload.value("reason", "");
            notSeenForm.plannedNext = record.payload.value("planned_next", "");
            m_screen = ScreenId::NotSeen;
            return;
        }
    }
    if (record.kind == "skin_map") {
        openSavedSkinMap(recordId);
        return;
    }
    m_screen = ScreenId::Record;
}

void App::back() {
    saveDrafts();
    switch (m_screen) {
    case ScreenId::Child:
        m_screen = ScreenId::Caseload;
        break;
    case ScreenId::Caseload:
        break;
    case ScreenId::ConflictAnalysis: {
        if (conflictForm.dirty) break; // the save failed (the notice says why): stay, nothing lost
        // Back to the visit it belongs to: its editor while the visit is being written.
        const std::string visitId = conflictForm.screen.visitId;
        conflictForm = ConflictForm{};
        if (!visitId.empty() && visitId == visitForm.draft.recordId) {
            m_recordId = visitId;
            m_screen = ScreenId::Visit;
        } else if (!visitId.empty()) {
            openRecord(visitId);
        } else {
            m_screen = m_childId.empty() ? ScreenId::Caseload : ScreenId::Child;
        }
        break;
    }
    default:
        m_screen = m_childId.empty() ? ScreenId::Caseload : ScreenId::Child;
        break;
    }
}

const std::vector<model::CaseloadRow>& App::caseload() {
    if (m_store && caseloadView.builtAtRevision != m_store->revision()) {
        const uint64_t revision = m_store->revision();
        const auto nowTime = m_options.clock ? m_options.clock() : std::chrono::system_clock::now();
        // Only the children whose summary changed since the last look (issue 19).
        if (caseloadView.index.apply(m_store->caseloadChanges(caseloadView.index.upTo()), nowTime))
            caseloadView.filteredFor.reset(); // the rows changed: filter again
        caseloadView.builtAtRevision = revision;
    }
    return caseloadView.index.rows();
}

std::optional<storage::Child> App::currentChild() {
    if (!m_store || m_childId.empty()) return std::nullopt;
    return m_store->childById(m_childId);
}

std::vector<storage::Record> App::recordsOfCurrentChild() {
    if (!m_store || m_childId.empty()) return {};
    return m_store->recordsForChild(m_childId);
}

const tools::ContentLibrary& App::activityLibrary() {
    if (!m_library)
        m_library =
            std::make_unique<tools::ContentLibrary>(tools::loadContentLibrary(tools::defaultContentDir()));
    return *m_library;
}

// [SECTION] records

void App::markEdited(DraftState& draft) {
    draft.dirty = true;
    draft.lastEdit = std::chrono::steady_clock::now();
}

void App::saveDraft(DraftState& draft, const nlohmann::json& payload, bool highRisk) {
    if (!m_store || draft.recordId.empty()) return;
    m_store->saveDraft(draft.recordId, payload);
    const auto record = m_store->recordById(draft.recordId);
    if (record && record->highRisk != highRisk) m_store->setHighRisk(draft.recordId, highRisk);
    draft.dirty = false;
}

void App::saveDrafts() {
    if (!m_store) return;
    if (m_skinMap) m_skinMap->flush();
    try {
        if (visitForm.draft.dirty) saveDraft(visitForm.draft, model::toJson(visitForm.visit), false);
        if (concernForm.draft.dirty)
            saveDraft(concernForm.draft, model::toJson(concernForm.concern), concernForm.highRisk);
        if (notSeenForm.draft.dirty)
            saveDraft(notSeenForm.draft,
                      {{"reason", notSeenForm.reason}, {"planned_next", notSeenForm.plannedNext}}, false);
        if (conflictForm.dirty) {
            // A failed save keeps everything on screen and stays dirty, so the next save retries.
            if (tools::saveConflictAnalysis(*m_store, conflictForm.screen))
                conflictForm.dirty = false;
            else
                notice = {std::string(_("The analysis could not be saved: ")) + conflictForm.screen.error,
                          true};
        }
    } catch (const storage::StoreError& e) {
        report(e, _("saving a draft"));
    }
}

void App::autosaveIfDue() {
    const auto nowTime = std::chrono::steady_clock::now();
    for (const DraftState* draft : {&visitForm.draft, &concernForm.draft, &notSeenForm.draft})
        if (draft->dirty && nowTime - draft->lastEdit >= kAutosaveDelay) {
            saveDrafts();
            return;
        }
    if (conflictForm.dirty && nowTime - conflictForm.lastEdit >= kAutosaveDelay) saveDrafts();
}

void App::startVisit() {
    visitForm = VisitForm{};
    visitForm.visit.startedAt = now();
    m_recordId.clear();
    m_screen = ScreenId::Visit;
}

void App::confirmVisitStart() {
    auto child = currentChild();
    if (!m_store || !child) return;
    if (!visitForm.visit.confidentialityExplained) return;
    storage::NewRecord record;
    record.caseId = child->caseId;
    record.childId = child->id;
    record.kind = "visit";
    record.author = author();
    record.payload = model::toJson(visitForm.visit);
    visitForm.draft.recordId = m_store->createDraft(record).id;
    m_recordId = visitForm.draft.recordId;
    visitForm.started = true;
}

void App::signVisit() {
    visitForm.draft.signProblems = model::visitSigningProblems(visitForm.visit);
    visitForm.draft.revealProblems = !visitForm.draft.signProblems.empty();
    if (!visitForm.draft.signProblems.empty() || !m_store) return;
    saveDraft(visitForm.draft, model::toJson(visitForm.visit), false);
    // Activities done in the visit are signed with it: they are part of the same record. The
    // parental conflict analysis is not: it is the practitioner's own record, complete and
    // signed on its own, often after the visit.
    for (const auto& record : m_store->recordsForChild(m_childId))
        if (record.parentId == visitForm.draft.recordId && record.status == storage::RecordStatus::Draft &&
            record.kind != tools::kConflictAnalysisKind)
            m_store->sign(record.id, visitForm.visit.signatureName);
    m_store->sign(visitForm.draft.recordId, visitForm.visit.signatureName);
    notice = {_("Visit signed. It will sync when there is a connection."), false};
    const std::string id = visitForm.draft.recordId;
    visitForm = VisitForm{};
    openRecord(id);
}

void App::startConcern() {
    concernForm = ConcernForm{};
    concernForm.concern.identifiedAt = now();
    auto child = currentChild();
    if (!m_store || !child) return;
    storage::NewRecord record;
    record.caseId = child->caseId;
    record.childId = child->id;
    record.kind = "concern";
    record.author = author();
    record.highRisk = true;
    record.payload = model::toJson(concernForm.concern);
    concernForm.draft.recordId = m_store->createDraft(record).id;
    m_recordId = concernForm.draft.recordId;
    m_screen = ScreenId::Concern;
}

void App::signConcern() {
    concernForm.draft.signProblems = model::concernSigningProblems(concernForm.concern);
    concernForm.draft.revealProblems = !concernForm.draft.signProblems.empty();
    if (!concernForm.draft.signProblems.empty() || !m_store) return;
    saveDraft(concernForm.draft, model::toJson(concernForm.concern), concernForm.highRisk);
    m_store->sign(concernForm.draft.recordId, concernForm.concern.signatureName);
    notice = {_("Concern signed. The manager is flagged and it syncs first."), false};
    const std::string id = concernForm.draft.recordId;
    concernForm = ConcernForm{};
    openRecord(id);
}

void App::startNotSeen() {
    notSeenForm = NotSeenForm{};
    auto child = currentChild();
    if (!m_store || !child) return;
    storage::NewRecord record;
    record.caseId = child->caseId;
    record.childId = child->id;
    record.kind = "not_seen";
    record.author = author();
    record.payload = {{"reason", ""}, {"planned_next", ""}};
    notSeenForm.draft.recordId = m_store->createDraft(record).id;
    m_recordId = notSeenForm.draft.recordId;
    m_screen = ScreenId::NotSeen;
}

void App::signNotSeen() {
    auto& form = notSeenForm;
    form.draft.signProblems.clear();
    if (model::isBlank(form.reason)) form.draft.signProblems.push_back(N_("Why the child was not seen"));
    if (model::isBlank(form.plannedNext)) form.draft.signProblems.push_back(N_("What happens next"));
    if (model::isBlank(form.signatureName)) form.draft.signProblems.push_back(N_("Your name, typed"));
    if (form.signatureStrokes.empty()) form.draft.signProblems.push_back(N_("Your signature"));
    form.draft.revealProblems = !form.draft.signProblems.empty();
    if (!form.draft.signProblems.empty() || !m_store) return;
    saveDraft(form.draft,
              {{"reason", form.reason},
               {"planned_next", form.plannedNext},
               {"signature_name", form.signatureName},
               {"signature_strokes", form.signatureStrokes}},
              false);
    m_store->sign(form.draft.recordId, form.signatureName);
    const std::string id = form.draft.recordId;
    notSeenForm = NotSeenForm{};
    openRecord(id);
}

void App::startAddendum(const std::string& parentRecordId) {
    addendumForm = AddendumForm{};
    addendumForm.parentRecordId = parentRecordId;
    m_screen = ScreenId::Addendum;
}

void App::saveAddendum() {
    auto& form = addendumForm;
    if (!m_store) return;
    if (model::isBlank(form.text) && form.followUpsDone.empty()) {
        form.error = _("Write what you are adding, or mark a follow-up as done.");
        return;
    }
    nlohmann::json payload = {{"text", form.text}, {"reason_added_later", form.reason}, {"added_at", now()}};
    if (!form.followUpsDone.empty()) {
        nlohmann::json done = nlohmann::json::object();
        for (const auto& id : form.followUpsDone)
            done[id] = now();
        payload["follow_ups_done"] = done;
    }
    m_store->addAddendum(form.parentRecordId, author(), payload);
    const std::string parent = form.parentRecordId;
    addendumForm = AddendumForm{};
    notice = {_("Addendum added and signed. The original stays as it was."), false};
    openRecord(parent);
}

// [SECTION] child mode

void App::enterChildMode(const std::string& contentId) {
    auto child = currentChild();
    if (!child || !m_store || visitForm.draft.recordId.empty()) return;
    saveDrafts();
    const model::ChildDetails details = model::childDetailsFromJson(child->details);
    const std::string language =
        details.preferredLanguage.empty() ? i18n::language() : details.preferredLanguage;
    auto session = std::make_unique<tools::ActivitySession>();
    if (!session->start(contentId, language)) {
        notice = {_("That activity could not be opened: its content file is missing or damaged."), true};
        return;
    }
    session->attachStore(
        *m_store, tools::ActivityRecordContext{child->caseId, child->id, visitForm.draft.recordId, author()});
    childMode = ChildModeState{};
    childMode.visitRecordId = visitForm.draft.recordId;
    childMode.contentId = contentId;
    childMode.session = std::move(session);
    m_store->audit(m_practitioner, "child_mode", "visit:" + visitForm.draft.recordId, contentId);
    m_screen = ScreenId::ChildMode;
}

void App::leaveChildMode(const std::string& passphrase) {
    std::string error;
    if (!verifyPassphrase(passphrase, error)) {
        childMode.error = error;
        childMode.passphrase.clear();
        return;
    }
    if (childMode.session) {
        childMode.session->save();
        if (!childMode.session->saveError.empty())
            notice = {std::string(_("The activity could not be saved: ")) + childMode.session->saveError,
                      true};
    }
    const std::string visitId = childMode.visitRecordId;
    childMode = ChildModeState{};
    m_lastInput = std::chrono::steady_clock::now();
    m_screen = ScreenId::Visit;
    m_recordId = visitId;
}

// [SECTION] sync

bool App::enrolled() {
    return m_store && m_store->setting(sync::setting::kDeviceId).has_value();
}

std::string App::author() {
    if (!m_store) return m_practitioner;
    return m_store->setting(sync::setting::kPractitionerId).value_or(m_practitioner);
}

void App::postToMain(Action action) {
    {
        std::lock_guard<std::mutex> guard(m_mainQueueMutex);
        m_mainQueue.push_back(std::move(action));
    }
    platform::Window::wakeFromAnyThread();
}

void App::startSyncIfEnrolled() {
    if (!m_store || m_sync || !enrolled()) return;
    sync::ServerEndpoint endpoint;
    endpoint.host = m_store->setting(sync::setting::kServerHost).value_or(m_options.serverHost);
    endpoint.port = std::atoi(m_store->setting(sync::setting::kServerPort).value_or("0").c_str());
    if (endpoint.port <= 0) endpoint.port = m_options.serverPort;
    sync::DeviceActions deviceActions;
    // Remote commands arrive on the sync thread; they run on the main thread.
    deviceActions.lock = [this] {
        postToMain([](App& a) {
            a.lock();
            a.notice = {_("This tablet was locked by your organisation."), true};
        });
    };
    deviceActions.wipe = [this] {
        postToMain([](App& a) {
            const std::string dir = a.storeDir();
            a.lock();
            std::error_code ignored;
            std::filesystem::remove(storage::Store::databasePath(dir), ignored);
            std::filesystem::remove(storage::Store::databasePath(dir) + "-wal", ignored);
            std::filesystem::remove(storage::Store::databasePath(dir) + "-shm", ignored);
            std::filesystem::remove(storage::Store::keyFilePath(dir), ignored);
            a.notice = {_("Your organisation wiped the records from this tablet."), true};
        });
    };
    m_sync = std::make_unique<sync::SyncService>(*m_store, endpoint, deviceActions);
    m_sync->setOnChange([] { platform::Window::wakeFromAnyThread(); });
    m_sync->start();
    if (m_options.watchNetwork && !m_network)
        m_network = std::make_unique<platform::NetworkWatch>([this] {
            postToMain([](App& a) {
                if (a.m_sync) a.m_sync->connectivityChanged();
            });
        });
}

void App::stopSync() {
    m_network.reset();
    if (m_sync) m_sync->stop();
    m_sync.reset();
}

void App::enrol() {
    if (!m_store || enrolForm.busy) return;
    if (m_enrolThread.joinable()) m_enrolThread.join();
    sync::ServerEndpoint endpoint;
    endpoint.host = enrolForm.host;
    endpoint.port = enrolForm.port;
    endpoint.trustedCaPem = m_options.serverCaPem;
    enrolForm.busy = true;
    enrolForm.error.clear();
    storage::Store* store = m_store.get();
    m_enrolThread =
        std::thread([this, store, endpoint, user = enrolForm.username, pass = enrolForm.password] {
            sync::StepResult result, pulled;
            bool signedIn = false;
            // An exception escaping this thread would end the app: it becomes a sign-in error, or,
            // once signed in, a failed first pull that the sync service repeats later.
            try {
                sync::SyncClient client(*store, endpoint);
                result = client.enrol(user, pass, "Heard tablet");
                signedIn = result.ok();
                if (signedIn) pulled = client.pull();
            } catch (const std::exception& e) {
                (signedIn ? pulled : result) = {sync::SyncFailure::LocalStore, e.what()};
            }
            postToMain([result, pulled](App& a) {
                a.enrolForm.busy = false;
                a.enrolForm.password.clear();
                if (!result.ok()) {
                    a.enrolForm.error = std::string(_("Could not sign in: ")) + result.message;
                    return;
                }
                a.notice = {_("Signed in. Your children and cases are on this tablet; records sync when "
                              "there is a connection."),
                            false};
                a.startSyncIfEnrolled();
                a.show(ScreenId::Caseload);
            });
        });
}

void App::syncNow() {
    if (m_sync) m_sync->syncNow();
}

std::optional<sync::SyncStatus> App::syncStatus() const {
    if (!m_sync) return std::nullopt;
    return m_sync->status();
}

// [SECTION] the skin map

void App::openSkinMap(const std::string& parentRecordId) {
    auto child = currentChild();
    if (!child || !m_store || parentRecordId.empty()) return;
    saveDrafts();
    m_skinMap = std::make_unique<skinmap::SkinMapController>(*m_store, author(), m_options.clock);
    skinmap::NewSkinMap request;
    request.caseId = child->caseId;
    request.childId = child->id;
    request.childName = child->displayName;
    request.parentId = parentRecordId;
    request.author = author();
    request.authorRole = m_store->setting("practitioner.role").value_or("");
    const int age = model::ageInYears(child->dateOfBirth, now().substr(0, 10));
    request.bodyShape = age >= 11 ? skinmap::BodyShape::Teen : skinmap::BodyShape::YoungChild;
    const std::string id = m_skinMap->startNew(request);
    if (m_screen == ScreenId::Concern) {
        concernForm.concern.skinMapRecordId = id;
        markEdited(concernForm.draft);
    }
    m_skinMapReturn = m_screen == ScreenId::Concern ? ScreenId::Concern : ScreenId::Visit;
    m_screen = ScreenId::SkinMap;
}

void App::openSavedSkinMap(const std::string& recordId) {
    if (!m_store) return;
    auto controller = std::make_unique<skinmap::SkinMapController>(*m_store, author(), m_options.clock);
    std::string error;
    if (!controller->open(recordId, error)) {
        notice = {std::string(_("The skin map could not be opened: ")) + error, true};
        return;
    }
    m_skinMap = std::move(controller);
    m_skinMapReturn =
        (m_screen == ScreenId::Concern || m_screen == ScreenId::Visit) ? m_screen : ScreenId::Child;
    m_screen = ScreenId::SkinMap;
}

void App::closeSkinMap() {
    if (m_skinMap) m_skinMap->flush();
    m_skinMap.reset();
    m_screen = m_skinMapReturn;
}

// [SECTION] the parental conflict analysis

void App::openConflictAnalysis(const std::string& visitId) {
    if (!m_store) return;
    saveDrafts();
    ConflictForm form;
    std::string error;
    if (!tools::openConflictAnalysis(*m_store, activityLibrary(), visitId, author(), form.screen, error)) {
        notice = {std::string(_("The analysis could not be opened: ")) + error, true};
        return;
    }
    m_childId = form.screen.childId;
    m_recordId = form.screen.recordId;
    conflictForm = std::move(form);
    m_screen = ScreenId::ConflictAnalysis;
}

void App::conflictAnalysisEdited() {
    conflictForm.dirty = true;
    conflictForm.lastEdit = std::chrono::steady_clock::now();
}

void App::signConflictAnalysis() {
    if (!m_store) return;
    if (!tools::signConflictAnalysis(*m_store, conflictForm.screen)) {
        if (!conflictForm.screen.error.empty())
            notice = {std::string(_("The analysis could not be signed: ")) + conflictForm.screen.error, true};
        return;
    }
    conflictForm.dirty = false;
    m_recordId = conflictForm.screen.recordId;
    notice = {_("Analysis signed. It will sync when there is a connection."), false};
}

} // namespace heard::ui
