#include "app/model/caseload.h"

#include "app/model/child_details.h"
#include "app/model/concern.h"
#include "storage/record_kinds.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <sstream>
#include <unordered_map>
#include <utility>

namespace heard::model {

namespace {
std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}
} // namespace

std::vector<CaseloadRow> buildCaseload(const std::vector<storage::Child>& children,
                                       const std::vector<storage::Case>& cases,
                                       const std::vector<storage::Record>& records,
                                       const std::set<std::string>& pendingRecordIds, TimePoint now) {
    std::unordered_map<std::string, const storage::Case*> caseById;
    for (const auto& c : cases)
        caseById[c.id] = &c;
    std::unordered_map<std::string, std::vector<const storage::Record*>> recordsByChild;
    std::unordered_map<std::string, std::vector<nlohmann::json>> addendaByParent;
    for (const auto& record : records) {
        recordsByChild[record.childId].push_back(&record);
        if (record.kind == storage::kinds::kAddendum && !record.parentId.empty())
            addendaByParent[record.parentId].push_back(record.payload);
    }
    const std::string today = toIsoUtc(now).substr(0, 10);

    std::vector<CaseloadRow> rows;
    rows.reserve(children.size());
    for (const auto& child : children) {
        CaseloadRow row;
        row.childId = child.id;
        row.caseId = child.caseId;
        row.name = child.displayName;
        row.dateOfBirth = child.dateOfBirth;
        row.age = ageInYears(child.dateOfBirth, today);
        if (auto it = caseById.find(child.caseId); it != caseById.end())
            row.caseReference = it->second->reference;
        const ChildDetails details = childDetailsFromJson(child.details);
        row.confidentialAddress = details.addressConfidential;
        row.childProtectionPlan = details.childProtectionPlan;
        row.interpreterLanguage = details.interpreterLanguage;
        std::string riskSignedAt;
        for (const storage::Record* record : recordsByChild[child.id]) {
            if (record->status == storage::RecordStatus::Signed &&
                record->kind == storage::kinds::kRiskIdentification && record->signedAt >= riskSignedAt &&
                record->payload.is_object()) {
                riskSignedAt = record->signedAt;
                const auto date = record->payload.find("review_date");
                row.riskReviewDate =
                    date != record->payload.end() && date->is_string() ? date->get<std::string>() : "";
            }
            const bool signed_ = record->status == storage::RecordStatus::Signed;
            if (!signed_ || pendingRecordIds.count(record->id)) ++row.notSynced;
            if (record->highRisk) row.highRisk = true;
            if (signed_ && record->kind == storage::kinds::kVisit && record->signedAt > row.lastSeen)
                row.lastSeen = record->signedAt;
            if (signed_ && record->kind == storage::kinds::kConcern) {
                Concern concern;
                try {
                    concern = concernFromJson(record->payload);
                } catch (const std::invalid_argument&) {
                    continue; // a malformed record is shown on the child page, not counted here
                }
                for (const FollowUp& followUp : concernFollowUps(concern, addendaByParent[record->id])) {
                    const DueState state = dueState(followUp, now);
                    if (state == DueState::Overdue) ++row.followUpsOverdue;
                    if (state == DueState::DueToday) ++row.followUpsDueToday;
                }
            }
        }
        row.riskReview = reviewState(row.riskReviewDate, today);
        rows.push_back(std::move(row));
    }
    // Most urgent first, then by name: overdue follow-ups, high risk, due today.
    std::stable_sort(rows.begin(), rows.end(), [](const CaseloadRow& a, const CaseloadRow& b) {
        auto urgency = [](const CaseloadRow& r) {
            return (r.followUpsOverdue > 0 ? 4 : 0) + (r.highRisk ? 2 : 0) +
                   (r.followUpsDueToday > 0 ? 1 : 0);
        };
        if (urgency(a) != urgency(b)) return urgency(a) > urgency(b);
        return a.name < b.name;
    });
    return rows;
}

// [SECTION] CaseloadIndex

namespace {

int urgency(const CaseloadRow& r) {
    return (r.followUpsOverdue > 0 ? 4 : 0) + (r.highRisk ? 2 : 0) + (r.followUpsDueToday > 0 ? 1 : 0);
}

// buildCaseload's order: urgency, then name, then (as children() lists them) the child's id.
bool rowBefore(const CaseloadRow& a, const CaseloadRow& b) {
    const int ua = urgency(a), ub = urgency(b);
    if (ua != ub) return ua > ub;
    if (a.name != b.name) return a.name < b.name;
    return a.childId < b.childId;
}

// The derived text: one token per open follow-up, its deadline in the clock's ticks since the
// epoch, or "x" for a deadline that could not be read.
std::string followUpsText(const std::vector<TimePoint>& due, const std::vector<bool>& readable) {
    std::string text;
    for (size_t i = 0; i < due.size(); ++i) {
        if (!text.empty()) text += ' ';
        text += readable[i] ? std::to_string(int64_t(due[i].time_since_epoch().count())) : "x";
    }
    return text;
}

} // namespace

void CaseloadIndex::refreshDue(CaseloadRow& row, TimePoint now) {
    row.followUpsDueToday = row.followUpsOverdue = 0;
    auto found = m_followUps.find(row.childId);
    if (found == m_followUps.end()) return;
    // dueState() for an open follow-up, with its deadline parsed once.
    for (const OpenFollowUp& followUp : found->second) {
        if (!followUp.readable || now > followUp.due) {
            ++row.followUpsOverdue;
        } else if (followUp.due - now < std::chrono::hours(24)) {
            ++row.followUpsDueToday;
        }
        if (followUp.readable)
            for (TimePoint boundary : {followUp.due - std::chrono::hours(24), followUp.due})
                if (boundary >= now && boundary < m_nextDueChange) m_nextDueChange = boundary;
    }
}

bool CaseloadIndex::apply(const storage::CaseloadChanges& changes, TimePoint now) {
    const std::string today = toIsoUtc(now).substr(0, 10);
    const bool full = m_upTo == 0;
    if (full && !changes.changed.empty()) ++m_fullLoads;
    bool reorder = false;
    for (const storage::CaseloadEntry& entry : changes.changed) {
        CaseloadRow row;
        row.childId = entry.childId;
        row.caseId = entry.caseId;
        row.name = entry.name;
        row.caseReference = entry.caseReference;
        row.dateOfBirth = entry.dateOfBirth;
        row.age = ageInYears(entry.dateOfBirth, today);
        const ChildDetails details = childDetailsFromJson(entry.details);
        row.confidentialAddress = details.addressConfidential;
        row.childProtectionPlan = details.childProtectionPlan;
        row.interpreterLanguage = details.interpreterLanguage;
        row.notSynced = entry.notSynced;
        row.highRisk = entry.highRisk;
        row.lastSeen = entry.lastSeen;
        row.riskReviewDate = entry.riskReviewDate;
        row.riskReview = reviewState(row.riskReviewDate, today);
        std::vector<OpenFollowUp> open;
        if (entry.derivedFresh && !parseDerived(entry.derived, open)) {
            open.clear(); // counted as none until the store brings the concerns again
            m_unreadableDerived.push_back(entry.childId);
        }
        if (!entry.derivedFresh && !entry.concerns.empty()) ++m_concernsRead;
        for (const storage::CaseloadConcern& c : entry.concerns) {
            Concern concern;
            try {
                concern = concernFromJson(c.payload);
            } catch (const std::invalid_argument&) {
                continue; // a malformed record is shown on the child page, not counted here
            }
            for (const FollowUp& followUp : concernFollowUps(concern, c.addendumPayloads)) {
                if (!followUp.doneAt.empty()) continue;
                OpenFollowUp parsed;
                try {
                    parsed.due = fromIsoUtc(followUp.dueAt);
                    parsed.readable = true;
                } catch (const std::invalid_argument&) {
                }
                open.push_back(parsed);
            }
        }
        if (!entry.derivedFresh && entry.derivedInputsSeq > 0) {
            std::vector<TimePoint> due;
            std::vector<bool> readable;
            for (const OpenFollowUp& followUp : open) {
                due.push_back(followUp.due);
                readable.push_back(followUp.readable);
            }
            m_derivedToSave.push_back({entry.childId, entry.derivedInputsSeq, followUpsText(due, readable)});
        }
        if (open.empty())
            m_followUps.erase(row.childId);
        else
            m_followUps[row.childId] = std::move(open);
        refreshDue(row, now);
        ++m_rowsComputed;
        if (auto at = m_position.find(row.childId); at != m_position.end()) {
            CaseloadRow& old = m_rows[at->second];
            if (urgency(old) != urgency(row) || old.name != row.name) reorder = true;
            old = std::move(row);
        } else {
            m_position.emplace(row.childId, m_rows.size());
            m_rows.push_back(std::move(row));
            reorder = true;
        }
    }
    bool changed = !changes.changed.empty();
    // Time moves on: ages on a new day, and the follow-up states of the rows that have any.
    if (today != m_today) {
        for (CaseloadRow& row : m_rows) {
            row.age = ageInYears(row.dateOfBirth, today);
            row.riskReview = reviewState(row.riskReviewDate, today);
        }
        changed = changed || !m_today.empty();
        m_today = today;
    }
    if (now >= m_nextDueChange || now < m_lastNow) {
        m_nextDueChange = TimePoint::max();
        for (const auto& [childId, followUps] : m_followUps) {
            (void)followUps;
            CaseloadRow& row = m_rows[m_position.at(childId)];
            const int before = urgency(row), overdue = row.followUpsOverdue, dueToday = row.followUpsDueToday;
            refreshDue(row, now);
            if (urgency(row) != before) reorder = true;
            if (row.followUpsOverdue != overdue || row.followUpsDueToday != dueToday) changed = true;
        }
    }
    m_lastNow = now;
    if (reorder) {
        std::sort(m_rows.begin(), m_rows.end(), rowBefore);
        for (size_t i = 0; i < m_rows.size(); ++i)
            m_position[m_rows[i].childId] = i;
    }
    m_upTo = std::max(m_upTo, changes.upTo);
    return changed;
}

bool CaseloadIndex::parseDerived(const std::string& text, std::vector<OpenFollowUp>& out) {
    std::istringstream tokens(text);
    std::string token;
    while (tokens >> token) {
        OpenFollowUp followUp;
        if (token != "x") {
            // A whole int64 and nothing else: anything more or less is not our text.
            int64_t ticks = 0;
            const char* end = token.data() + token.size();
            const auto [stop, error] = std::from_chars(token.data(), end, ticks);
            if (error != std::errc() || stop != end) return false;
            followUp.readable = true;
            followUp.due = TimePoint(TimePoint::duration(ticks));
        }
        out.push_back(followUp);
    }
    return true;
}

std::vector<storage::CaseloadDerived> CaseloadIndex::takeDerivedToSave() {
    return std::exchange(m_derivedToSave, {});
}

std::vector<std::string> CaseloadIndex::takeUnreadableDerived() {
    return std::exchange(m_unreadableDerived, {});
}

bool matchesSearch(const CaseloadRow& row, const std::string& query) {
    const std::string haystack = lower(row.name + " " + row.caseReference);
    std::istringstream words(lower(query));
    std::string word;
    while (words >> word)
        if (haystack.find(word) == std::string::npos) return false;
    return true;
}

} // namespace heard::model
