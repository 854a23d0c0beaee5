#include "app/tools/framework/view/activity_recorder.h"
#include "storage/record_kinds.h"

namespace heard::tools {

ActivityRecorder::ActivityRecorder(storage::Store& store, ActivityRecordContext context)
    : m_store(store), m_context(std::move(context)) {}

ActivityRecorder::ActivityRecorder(storage::Store& store, ActivityRecordContext context, std::string recordId)
    : m_store(store), m_context(std::move(context)), m_recordId(std::move(recordId)) {}

void ActivityRecorder::save(const ActivityRun& run) {
    if (m_savedOnce && run.revision() == m_savedRevision) return;
    const nlohmann::json payload = resultToJson(run.result());
    const bool unsafe = run.unsafeDisclosed();
    if (m_recordId.empty()) {
        storage::NewRecord record;
        record.caseId = m_context.caseId;
        record.childId = m_context.childId;
        record.kind = storage::kinds::kActivity;
        record.author = m_context.author;
        record.parentId = m_context.visitRecordId;
        record.highRisk = unsafe;
        record.payload = payload;
        m_recordId = m_store.createDraft(record).id;
        m_flagged = unsafe;
    } else {
        m_store.saveDraft(m_recordId, payload);
        if (unsafe && !m_flagged) {
            m_store.setHighRisk(m_recordId, true);
            m_flagged = true;
        }
    }
    m_savedRevision = run.revision();
    m_savedOnce = true;
}

} // namespace heard::tools
