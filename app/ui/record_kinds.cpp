#include "app/ui/record_kinds.h"

#include "app/i18n/i18n.h"
#include "app/ui/app.h"
#include "storage/record_kinds.h"

namespace heard::ui {

void RecordKinds::add(RecordKindSpec spec) {
    for (RecordKindSpec& existing : m_kinds)
        if (existing.name == spec.name) {
            existing = std::move(spec);
            return;
        }
    m_kinds.push_back(std::move(spec));
}

const RecordKindSpec* RecordKinds::find(const std::string& name) const {
    for (const RecordKindSpec& spec : m_kinds)
        if (spec.name == name) return &spec;
    return nullptr;
}

namespace {

bool isDraft(const storage::Record& record) {
    return record.status == storage::RecordStatus::Draft;
}

void registerBuiltInKinds(RecordKinds& kinds) {
    namespace k = storage::kinds;
    kinds.add({k::kVisit, N_("Visit"), true, [](App& app, const storage::Record& record) {
                   if (!isDraft(record)) return false;
                   app.editors().visit.open(record);
                   app.show(ScreenId::Visit);
                   return true;
               }});
    kinds.add({k::kConcern, N_("Welfare concern"), true, [](App& app, const storage::Record& record) {
                   if (!isDraft(record)) return false;
                   app.editors().concern.open(record);
                   app.show(ScreenId::Concern);
                   return true;
               }});
    kinds.add({k::kNotSeen, N_("Child not seen"), true, [](App& app, const storage::Record& record) {
                   if (!isDraft(record)) return false;
                   app.editors().notSeen.open(record);
                   app.show(ScreenId::NotSeen);
                   return true;
               }});
    kinds.add({k::kSkinMap, N_("Skin map"), true, [](App& app, const storage::Record& record) {
                   app.openSavedSkinMap(record.id); // draft or signed: its own screen
                   return true;
               }});
    kinds.add({k::kConflictAnalysis, N_("Parental conflict analysis"), true,
               [](App& app, const storage::Record& record) {
                   app.openConflictAnalysis(record.parentId); // draft or signed: its own screen
                   return true;
               }});
    kinds.add({k::kRiskIdentification, N_("Risk identification"), true,
               [](App& app, const storage::Record& record) {
                   if (!isDraft(record)) return false; // signed: read-only, changed only by a review
                   app.editors().risk.open(record);
                   app.show(ScreenId::RiskIdentification);
                   return true;
               }});
    kinds.add(
        {k::kInformationSharing, N_("Information shared"), true, [](App& app, const storage::Record& record) {
             if (!isDraft(record)) return false;
             app.editors().sharing.open(record);
             app.show(ScreenId::InformationSharing);
             return true;
         }});
    kinds.add({k::kSafetyAlert, N_("Safety alert"), true, [](App& app, const storage::Record& record) {
                   app.editors().safetyAlert.open(app, record); // draft or signed: its own screen
                   return true;
               }});
    // Written by a manager at the central system (issue 15) and received on pull: listed on the
    // child's page, opened read-only in the Record screen.
    kinds.add({k::kManagerNote, N_("Manager's note"), true, {}});
    kinds.add(
        {k::kIdentityNeeds, N_("Identity and needs"), true, [](App& app, const storage::Record& record) {
             if (!isDraft(record)) return false; // signed: read-only; a change is a new version
             app.editors().identity.open(record);
             app.show(ScreenId::IdentityNeeds);
             return true;
         }});
    kinds.add({k::kChildPeople, N_("The child's people"), true, [](App& app, const storage::Record& record) {
                   if (!isDraft(record)) return false; // signed: read-only; a change is a new version
                   app.editors().people.open(record);
                   app.show(ScreenId::ChildPeople);
                   return true;
               }});
    kinds.add(
        {k::kChildImpact, N_("Child impact analysis"), true, [](App& app, const storage::Record& record) {
             app.editors().impact.open(app, record.id); // draft or signed: its own screen
             return true;
         }});
    kinds.add({k::kReport, N_("Report (PDF)"), true, [](App& app, const storage::Record& record) {
                   app.editors().reportViewer.open(app, record.id);
                   return true;
               }});
    // The case's court matter as put on file (issue 16): of the case, not listed on a child's page.
    kinds.add({k::kCourtMatter, N_("What the court is deciding"), false, {}});
    kinds.add({k::kActivity, N_("Activity"), false, {}});
    // Shown under the message it sends (issue 18.5): not listed on its own.
    kinds.add({k::kJudgeMessageSent, N_("Message to the judge sent"), false, {}});
    kinds.add({k::kAddendum, N_("Addendum"), false, {}});
}

} // namespace

RecordKinds& recordKinds() {
    static RecordKinds s_kinds = [] {
        RecordKinds kinds;
        registerBuiltInKinds(kinds);
        return kinds;
    }();
    return s_kinds;
}

} // namespace heard::ui
