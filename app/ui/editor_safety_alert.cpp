// Safety alerts (issue 14, SF 2.88-2.92): kept in the store the moment they are raised, shown
// first when the practitioner takes the tablet back, signed there, and sent before anything else.
#include "app/i18n/i18n.h"
#include "app/ui/app.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/editors.h"
#include "storage/record_kinds.h"

#include <algorithm>

namespace heard::ui {

namespace {

// A failed save is tried again this often (a full disk may be freed, a store error may pass).
constexpr auto kRetryEvery = std::chrono::seconds(2);

// The ids of the alerts saved but not yet signed, so they come back first after unlock.
constexpr const char* kWaitingSetting = "safety.alerts.waiting";

std::vector<std::string> waitingIds(storage::Store& store) {
    std::vector<std::string> ids;
    const auto text = store.setting(kWaitingSetting);
    if (!text) return ids;
    const auto parsed = nlohmann::json::parse(*text, nullptr, false);
    if (!parsed.is_array()) return ids;
    for (const auto& id : parsed)
        if (id.is_string()) ids.push_back(id.get<std::string>());
    return ids;
}

} // namespace

const char* SafetyAlertEditor::what() const {
    return _("the safety alert");
}

std::optional<RecordEditor::TimePoint> SafetyAlertEditor::saveDue() const {
    if (!dirty()) return std::nullopt;
    return m_retryAt; // at once, or a little after a failure
}

bool SafetyAlertEditor::waiting() const {
    return std::any_of(items.begin(), items.end(), [](const Item& item) { return !item.isSigned; });
}

void SafetyAlertEditor::saveTo(storage::Store& store) {
    try {
        for (Item& item : items) {
            if (item.isSigned) continue;
            const nlohmann::json payload = model::toJson(item.alert);
            if (item.recordId.empty()) {
                storage::NewRecord record;
                record.caseId = item.caseId;
                record.childId = item.childId;
                record.kind = storage::kinds::kSafetyAlert;
                record.author = item.author;
                record.highRisk = true; // the manager is told at once (SF 2.30)
                record.payload = payload;
                item.recordId = store.createDraft(record).id;
            } else {
                store.saveDraft(item.recordId, payload);
            }
            if (item.signWanted) {
                store.sign(item.recordId, item.alert.signatureName);
                item.isSigned = true;
                item.signWanted = false;
                syncWanted = true;
            }
        }
        // Which alerts still wait for a signature: this editor's, and any kept from before
        // that it has not opened (signed ones drop out).
        std::vector<std::string> waiting;
        for (const Item& item : items)
            if (!item.isSigned && !item.recordId.empty()) waiting.push_back(item.recordId);
        for (const std::string& id : waitingIds(store)) {
            if (std::find(waiting.begin(), waiting.end(), id) != waiting.end()) continue;
            if (std::any_of(items.begin(), items.end(), [&](const Item& i) { return i.recordId == id; }))
                continue;
            const auto record = store.recordById(id);
            if (record && record->status == storage::RecordStatus::Draft) waiting.push_back(id);
        }
        store.setSetting(kWaitingSetting, nlohmann::json(waiting).dump());
    } catch (const std::exception& e) {
        error = e.what();
        m_retryAt = std::chrono::steady_clock::now() + kRetryEvery;
        throw;
    }
    error.clear();
    m_retryAt = TimePoint::min();
}

void SafetyAlertEditor::clearState() {
    for (Item& item : items) {
        wipeText(item.alert.childWords);
        wipeText(item.alert.note);
        wipeText(item.alert.answer);
    }
    items.clear();
    currentStroke.clear();
    signProblems = {};
    error.clear();
    syncWanted = false;
    returnTo = ScreenId::Child;
    m_retryAt = TimePoint::min();
}

void SafetyAlertEditor::raise(App& app, model::SafetyAlert alert, const std::string& caseId,
                              const std::string& childId) {
    Item item;
    item.caseId = caseId;
    item.childId = childId;
    item.author = app.author();
    item.alert = std::move(alert);
    items.push_back(std::move(item));
    m_retryAt = TimePoint::min();
    markEdited(); // due at once: saved right after this action
}

void SafetyAlertEditor::raiseByPractitioner(App& app) {
    const auto child = app.currentChild();
    if (!child) return;
    model::SafetyAlert alert;
    alert.source = model::AlertSource::Practitioner;
    alert.disclosedAt = app.now();
    alert.visitRecordId = app.editors().visit.draft.recordId;
    if (!app.editors().visit.draft.recordId.empty() || app.screen() == ScreenId::Visit)
        returnTo = ScreenId::Visit;
    else
        returnTo = app.screen() == ScreenId::SafetyAlert ? ScreenId::Child : app.screen();
    app.saveDrafts();
    raise(app, std::move(alert), child->caseId, child->id);
    // The new alert goes on screen before any that were waiting.
    std::rotate(items.begin(), items.end() - 1, items.end());
    signProblems = {};
    app.show(ScreenId::SafetyAlert);
}

void SafetyAlertEditor::open(App& app, const storage::Record& record) {
    auto found =
        std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.recordId == record.id; });
    if (found == items.end()) {
        Item item;
        item.recordId = record.id;
        item.caseId = record.caseId;
        item.childId = record.childId;
        item.author = record.author;
        item.alert = model::safetyAlertFromJson(record.payload);
        item.isSigned = record.status == storage::RecordStatus::Signed;
        items.insert(items.begin(), std::move(item));
    } else {
        std::rotate(items.begin(), found, found + 1);
    }
    signProblems = {};
    returnTo = ScreenId::Child;
    app.show(ScreenId::SafetyAlert);
}

void SafetyAlertEditor::sign(App& app) {
    Item* item = current();
    storage::Store* store = app.store();
    if (!item || item->isSigned || !store) return;
    signProblems.set(model::safetyAlertSigningProblems(item->alert));
    if (!signProblems.empty()) return;
    item->signWanted = true;
    markEdited();
    m_retryAt = TimePoint::min();
    try {
        save(*store);
    } catch (const std::exception&) {
        // The reason is on the alert screen (error); the alert stays, and the autosave path
        // tries again every few seconds until the store takes it.
        return;
    }
    syncWanted = false;
    app.syncNow(); // at the head of the outbox: sent now if there is a connection
    app.notice = catalogueNotice(N_("Safety alert signed. It is sent to your manager before anything else."));
}

void SafetyAlertEditor::retryNow(App& app) {
    storage::Store* store = app.store();
    if (!store || items.empty()) return;
    markEdited();
    m_retryAt = TimePoint::min();
    try {
        save(*store);
    } catch (const std::exception&) {
        return; // the reason stays on screen; the autosave path keeps trying
    }
    if (syncWanted) {
        syncWanted = false;
        app.syncNow();
    }
}

void SafetyAlertEditor::startConcern(App& app) {
    Item* item = current();
    if (!item || !item->isSigned) return;
    const model::SafetyAlert alert = item->alert;
    const std::string childId = item->childId;
    items.erase(items.begin());
    if (app.childId() != childId) app.nav().setChild(childId);
    app.editors().concern.start(app);
    model::Concern& concern = app.editors().concern.concern;
    if (!alert.disclosedAt.empty()) concern.identifiedAt = alert.disclosedAt;
    concern.fields["child_words"] = alert.childWords + (alert.note.empty() ? "" : "\n" + alert.note);
    app.editors().concern.markEdited();
}

bool SafetyAlertEditor::canDiscard() const {
    if (items.empty()) return false;
    const Item& item = items.front();
    return !item.isSigned && !item.signWanted && item.alert.source == model::AlertSource::Practitioner &&
           model::isBlank(item.alert.childWords) && model::isBlank(item.alert.note);
}

void SafetyAlertEditor::discard(App& app) {
    storage::Store* store = app.store();
    if (!canDiscard() || !store) return;
    const std::string id = items.front().recordId;
    if (!id.empty()) store->deleteDraft(id, app.practitioner());
    items.erase(items.begin());
    signProblems = {};
    currentStroke.clear();
    markEdited(); // the list of alerts waiting is written again without it
    m_retryAt = TimePoint::min();
    save(*store);
    if (!items.empty()) return;
    if (returnTo == ScreenId::Visit && !app.editors().visit.draft.recordId.empty()) {
        app.nav().setRecord(app.editors().visit.draft.recordId);
        app.show(ScreenId::Visit);
    } else {
        app.show(app.childId().empty() ? ScreenId::Caseload : ScreenId::Child);
    }
}

bool SafetyAlertEditor::restore(App& app) {
    storage::Store* store = app.store();
    if (!store) return false;
    bool any = false;
    for (const std::string& id : waitingIds(*store)) {
        const auto record = store->recordById(id);
        if (!record || record->status != storage::RecordStatus::Draft ||
            record->kind != storage::kinds::kSafetyAlert)
            continue;
        Item item;
        item.recordId = record->id;
        item.caseId = record->caseId;
        item.childId = record->childId;
        item.author = record->author;
        item.alert = model::safetyAlertFromJson(record->payload);
        items.push_back(std::move(item));
        any = true;
    }
    if (!any) return false;
    app.nav().setChild(items.front().childId);
    returnTo = ScreenId::Child;
    app.show(ScreenId::SafetyAlert);
    return true;
}

void SafetyAlertEditor::done(App& app) {
    Item* item = current();
    if (item && !item->isSigned) return; // an alert is never left unsigned by this path
    if (item) items.erase(items.begin());
    signProblems = {};
    currentStroke.clear();
    if (!items.empty()) return; // the next alert waiting
    if (returnTo == ScreenId::Visit && !app.editors().visit.draft.recordId.empty()) {
        app.nav().setRecord(app.editors().visit.draft.recordId);
        app.show(ScreenId::Visit);
    } else if (returnTo == ScreenId::SafetyAlert || returnTo == ScreenId::ChildMode ||
               returnTo == ScreenId::Unlock || returnTo == ScreenId::Caseload) {
        app.show(ScreenId::Child);
    } else {
        app.show(returnTo);
    }
}

} // namespace heard::ui
