#include "app/model/caseload.h"

#include "app/model/child_details.h"
#include "app/model/concern.h"
#include "storage/record_kinds.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>
#include <unordered_map>

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
        for (const storage::Record* record : recordsByChild[child.id]) {
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

bool matchesSearch(const CaseloadRow& row, const std::string& query) {
    const std::string haystack = lower(row.name + " " + row.caseReference);
    std::istringstream words(lower(query));
    std::string word;
    while (words >> word)
        if (haystack.find(word) == std::string::npos) return false;
    return true;
}

} // namespace heard::model
