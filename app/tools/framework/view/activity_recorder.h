// Keeps an activity's record in the store while the child works: the record (kind "activity",
// parentId = the visit) is created as a draft at the first change, saved again whenever the run
// changes (so a crash loses at most the last change), and flagged highRisk the moment the child
// says they are not safe, so the manager is told at once (SF 2.30).
//
// The container calls save() after applying a frame's ActivityActions with changed = true.
// Signing is the practitioner's act, done from the visit, not here.
#pragma once

#include "app/tools/framework/model/activity_run.h"
#include "storage/store.h"

#include <string>

namespace heard::tools {

struct ActivityRecordContext {
    std::string caseId, childId, visitRecordId, author;
};

class ActivityRecorder {
public:
    ActivityRecorder(storage::Store& store, ActivityRecordContext context);
    // Resumes an existing draft (e.g. after a crash).
    ActivityRecorder(storage::Store& store, ActivityRecordContext context, std::string recordId);

    // Writes the run if it changed since the last save. Throws storage::StoreError on failure
    // (the caller shows it; the run in memory is untouched, so nothing is lost).
    void save(const ActivityRun& run);
    const std::string& recordId() const { return m_recordId; }

private:
    storage::Store& m_store;
    ActivityRecordContext m_context;
    std::string m_recordId;
    uint64_t m_savedRevision = 0;
    bool m_savedOnce = false;
    bool m_flagged = false;
};

} // namespace heard::tools
