// Which screen is on, for which child and which record. Screens themselves are registered in
// one table (screens.h); navigation only remembers where the practitioner is.
#pragma once

#include <string>

namespace heard::ui {

enum class ScreenId {
    Unlock,             // first run / unlock: shows nothing about any child
    Caseload,           // the practitioner's children and cases
    Child,              // one child's page
    Visit,              // one visit record: start, activities, write-up, sign; then read-only + addenda
    Concern,            // a welfare concern record
    NotSeen,            // the child was not seen: the reason
    Addendum,           // a dated addendum to a signed record
    Record,             // any signed record, read-only, with its addenda
    ChildMode,          // the tablet is in the child's hands: only the activity
    Sync,               // the central system: sign in once, sync status, "Sync now"
    SkinMap,            // the skin map of a visit or concern (app/tools/skin_map)
    ConflictAnalysis,   // the practitioner's impact of parental conflict analysis of a visit
    RiskIdentification, // risk factors, judgement, safety plan, review date (SF 2.26-2.30)
    InformationSharing, // what was shared, with whom, why, on what basis (SF 3.62)
    SafetyAlert,        // a child said they may not be safe: what they said, the steps, sign (issue 14)
    Settings,           // the practitioner's language and text size (issue 13.7)
    CourtMatter,        // what the court is deciding in the child's case (issue 16)
    ChildImpact,        // the child impact analysis for the court (issue 16)
    Report,             // a stored PDF report, page by page (issue 16)
    Welcome,            // first run for real: demo or a real store, before anything is set up (issue 21)
    IdentityNeeds,      // the child's identity and needs: ethnicity, religion, language... (issue 18.6)
    ChildPeople,        // the child's people and homes and what the child calls them (issue 18.2)
    HandOver,           // an activity's guidance, read before handing the tablet over (issue 18.5)
};

class Navigation {
public:
    ScreenId screen() const { return m_screen; }
    void show(ScreenId screen) { m_screen = screen; }
    const std::string& childId() const { return m_childId; }
    const std::string& recordId() const { return m_recordId; }
    void setChild(std::string childId) { m_childId = std::move(childId); }
    void setRecord(std::string recordId) { m_recordId = std::move(recordId); }
    // Where the skin map returns to when it closes.
    ScreenId skinMapReturn = ScreenId::Visit;
    // Forgets everything (lock): the lock screen shows nothing about any child.
    void reset() { *this = Navigation{}; }

private:
    ScreenId m_screen = ScreenId::Unlock;
    std::string m_childId, m_recordId;
};

} // namespace heard::ui
