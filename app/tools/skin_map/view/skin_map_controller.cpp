#include "app/tools/skin_map/view/skin_map_controller.h"

#include "app/i18n/i18n.h"
#include "app/tools/skin_map/model/skin_map_json.h"

#include <algorithm>

namespace heard::skinmap {

namespace {
constexpr auto kTypingSaveInterval = std::chrono::milliseconds(1500); // also the retry interval
} // namespace

SkinMapController::SkinMapController(storage::Store& store, std::string practitioner, storage::Clock clock)
    : m_store(store), m_practitioner(std::move(practitioner)), m_clock(std::move(clock)) {
    if (!m_clock) m_clock = [] { return std::chrono::system_clock::now(); };
}

std::string SkinMapController::nowIso() const {
    return storage::formatIsoUtc(m_clock());
}

std::string SkinMapController::startNew(const NewSkinMap& request) {
    SkinMap map;
    map.bodyShape = request.bodyShape;
    map.header.childId = request.childId;
    map.header.childName = request.childName;
    map.header.completedByName = request.author;
    map.header.completedByRole = request.authorRole;
    map.header.recordedAt = nowIso();
    storage::NewRecord record;
    record.caseId = request.caseId;
    record.childId = request.childId;
    record.kind = kSkinMapRecordKind;
    record.author = request.author;
    record.parentId = request.parentId;
    record.payload = toJson(map);
    const storage::Record created = m_store.createDraft(record);
    m_recordId = created.id;
    m_signed = false;
    m_dirty = false;
    m_closeRequested = false;
    m_savedHighRisk = false;
    m_state.now = nowIso();
    m_state.practitioner = m_practitioner;
    openSkinMapView(m_state, std::move(map), false);
    return m_recordId;
}

bool SkinMapController::open(const std::string& recordId, std::string& error) {
    std::optional<storage::Record> record;
    try {
        record = m_store.openRecord(recordId, m_practitioner);
    } catch (const storage::StoreError& e) {
        error = e.what();
        return false;
    }
    if (record->kind != kSkinMapRecordKind) {
        error = "record " + recordId + " is a " + record->kind + ", not a skin map";
        return false;
    }
    SkinMap map;
    try {
        map = skinMapFromJson(record->payload);
    } catch (const SkinMapFormatError& e) {
        error = std::string("this skin map cannot be read: ") + e.what();
        return false;
    }
    m_recordId = recordId;
    m_signed = record->status == storage::RecordStatus::Signed;
    m_dirty = false;
    m_closeRequested = false;
    m_savedHighRisk = record->highRisk;
    m_state.now = nowIso();
    m_state.practitioner = m_practitioner;
    openSkinMapView(m_state, std::move(map), m_signed);
    return true;
}

void SkinMapController::save() {
    if (m_signed || m_recordId.empty()) return;
    m_lastSaveAttempt = std::chrono::steady_clock::now();
    try {
        m_store.saveDraft(m_recordId, toJson(m_state.map));
        const bool highRisk = isHighRisk(m_state.map);
        if (highRisk != m_savedHighRisk) {
            m_store.setHighRisk(m_recordId, highRisk);
            m_savedHighRisk = highRisk;
        }
        m_dirty = false;
        m_lastSaveFailed = false;
    } catch (const storage::StoreError& e) {
        m_lastSaveFailed = true;
        // Keep the working copy and try again on the next change or frame.
        m_state.message =
            std::string(_("Could not save the draft; it is kept and will be saved again: ")) + e.what();
    }
}

void SkinMapController::flush() {
    if (m_dirty) save();
}

void SkinMapController::draw() {
    m_state.now = nowIso();
    SkinMapViewActions actions;
    drawSkinMapView(m_state, actions);
    if (actions.noticeAcknowledged && !m_signed) {
        m_state.map.noticeShownAt = m_state.now;
        markChanged(false);
    }
    if (actions.changed) markChanged(actions.editingText);
    m_typing = actions.editingText; // leaving a field saves at once
    if (actions.sign && !m_signed) m_signRequested = true;
    if (actions.close) m_closeRequested = true;
}

void SkinMapController::markChanged(bool typing) {
    if (!m_dirty) m_firstUnsavedChange = std::chrono::steady_clock::now();
    m_dirty = true;
    m_typing = typing;
}

std::optional<std::chrono::steady_clock::time_point> SkinMapController::saveDue() const {
    if (m_signRequested || m_closeRequested) return std::chrono::steady_clock::time_point::min();
    if (!m_dirty || m_signed) return std::nullopt;
    // At once after a tap; while typing, or retrying after a failed save, at most every
    // kTypingSaveInterval.
    if (m_lastSaveFailed) return m_lastSaveAttempt + kTypingSaveInterval;
    if (m_typing) return std::max(m_firstUnsavedChange, m_lastSaveAttempt) + kTypingSaveInterval;
    return std::chrono::steady_clock::time_point::min();
}

void SkinMapController::applyPending() {
    if (m_dirty) save();
    if (m_signRequested) {
        m_signRequested = false;
        if (!m_dirty && !m_signed) {
            try {
                m_store.sign(m_recordId, m_practitioner);
                m_signed = true;
                m_state.readOnly = true;
                m_state.message =
                    _("Signed. This skin map can no longer change; add an addendum for anything later.");
            } catch (const storage::StoreError& e) {
                m_state.message = std::string(_("Could not sign: ")) + e.what();
            }
        }
    }
}

} // namespace heard::skinmap
