// The caseload: one row per child with the flags that matter at a glance.
//
// Built from plain data (children, cases, records, what is not yet synced) by a pure
// function, so it is tested without a store or a screen, and the UI caches it behind the
// store's revision counter.
#pragma once

#include "app/model/calendar.h"
#include "app/model/concern.h"
#include "app/model/risk_identification.h"
#include "storage/records.h"

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace heard::model {

struct CaseloadRow {
    std::string childId, caseId, name, caseReference, dateOfBirth;
    int age = -1;
    bool confidentialAddress = false;
    bool childProtectionPlan = false;
    std::string interpreterLanguage;
    int followUpsDueToday = 0;
    int followUpsOverdue = 0;
    int notSynced = 0; // drafts plus signed records the central system has not acknowledged
    bool highRisk = false;
    std::string lastSeen;                       // ISO time of the latest signed visit, "" never
    std::string riskReviewDate;                 // of the current risk identification, "" none
    ReviewState riskReview = ReviewState::None; // due (within a week) or overdue shows on the row
};

// pendingRecordIds: record ids with an outbox entry not yet acknowledged.
std::vector<CaseloadRow> buildCaseload(const std::vector<storage::Child>& children,
                                       const std::vector<storage::Case>& cases,
                                       const std::vector<storage::Record>& records,
                                       const std::set<std::string>& pendingRecordIds, TimePoint now);

// The caseload kept up to date from the store's caseload summary (issue 19): the first
// apply() loads every child's entry, later ones only the entries that changed, so a write
// recomputes one row instead of rebuilding the list. The rows equal buildCaseload()'s for
// the same store and time (tests/scale/caseload_test.cpp holds them side by side).
class CaseloadIndex {
public:
    // Applies Store::caseloadChanges(upTo()) and brings ages and follow-up states to now.
    // Returns true if any row changed (so a filtered view must filter again).
    bool apply(const storage::CaseloadChanges& changes, TimePoint now);
    int64_t upTo() const { return m_upTo; }
    // Most urgent first (overdue follow-ups, high risk, due today), then by name.
    const std::vector<CaseloadRow>& rows() const { return m_rows; }

    uint64_t fullLoads() const { return m_fullLoads; }       // applies that loaded every child
    uint64_t rowsComputed() const { return m_rowsComputed; } // rows built from an entry, ever
    uint64_t concernsRead() const { return m_concernsRead; } // children whose concerns were parsed, ever

    // The open follow-up deadlines this index derives from a child's concerns are kept by the
    // store between unlocks (Store::saveCaseloadDerived, in this format), so a full load reads one
    // row per child instead of every concern. Change the name whenever the text or the way
    // deadlines are worked out (working days, bank holidays) changes: old text is then ignored.
    static constexpr const char* kDerivedFormat = "open-follow-up-deadlines/1";
    // What apply() derived from concerns since the last call: for Store::saveCaseloadDerived.
    std::vector<storage::CaseloadDerived> takeDerivedToSave();
    // Children whose saved text this build could not read: for Store::forgetCaseloadDerived
    // (their follow-ups count as none until the store brings their concerns again).
    std::vector<std::string> takeUnreadableDerived();

private:
    struct OpenFollowUp {
        bool readable = false; // an unreadable deadline is overdue (as dueState says)
        TimePoint due;
    };
    void refreshDue(CaseloadRow& row, TimePoint now);
    // The saved text back into open follow-ups; false if it is not text this build writes.
    static bool parseDerived(const std::string& text, std::vector<OpenFollowUp>& out);
    std::vector<CaseloadRow> m_rows;
    std::unordered_map<std::string, size_t> m_position;                     // child id -> index in m_rows
    std::unordered_map<std::string, std::vector<OpenFollowUp>> m_followUps; // open ones, by child id
    // Follow-up states change only when the time passes a deadline or the day before it:
    // until the earliest such moment, rows that did not change keep their states.
    TimePoint m_nextDueChange = TimePoint::min();
    TimePoint m_lastNow = TimePoint::min();
    int64_t m_upTo = 0;
    std::string m_today;
    uint64_t m_fullLoads = 0, m_rowsComputed = 0, m_concernsRead = 0;
    std::vector<storage::CaseloadDerived> m_derivedToSave;
    std::vector<std::string> m_unreadableDerived;
};

// Case-insensitive match of every word of query against name and case reference.
bool matchesSearch(const CaseloadRow& row, const std::string& query);

} // namespace heard::model
