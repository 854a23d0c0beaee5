#include "tests/report/report_world.h"

#include "app/model/court_matter.h"
#include "app/model/visit.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/tools/skin_map/model/skin_map_demo.h"
#include "app/tools/skin_map/model/skin_map_json.h"
#include "storage/record_kinds.h"

#include <stdexcept>

namespace heard::test {

std::string wishWords(int visit) {
    static const char* const kWords[] = {
        "I wish I could see my dad on Saturdays", "I want to keep my bedroom with the blue ceiling",
        "I wish everyone stopped shouting at the door", "I want to stay at Oakfield School with Maya"};
    return std::string(kWords[(visit - 1) % 4]) + (visit > 4 ? " (" + std::to_string(visit) + ")" : "");
}

ReportWorld::ReportWorld(int visits) {
    store = storage::Store::create(folder.path() + "/data", "correct horse battery staple",
                                   storage::RecoveryKeyPair::generate().publicKey,
                                   storage::KdfParams::fastForTests());
    library = tools::loadContentLibrary(tools::defaultContentDir());
    storage::Case c;
    c.id = kReportCaseId;
    c.reference = kReportCaseRef;
    c.title = "Quillfeather (fictional)";
    store->putCase(c);
    storage::Child child;
    child.id = kReportChildId;
    child.caseId = kReportCaseId;
    child.displayName = kReportChildName;
    child.dateOfBirth = "2016-04-09";
    child.details = {{"address", kPlantedAddress},
                     {"addressConfidential", true},
                     {"confidentialNote", kPlantedDetail},
                     {"preferredLanguage", "en"}};
    store->putChild(child);
    storage::Child welsh = child;
    welsh.id = kWelshChildId;
    welsh.displayName = kWelshChildName;
    welsh.dateOfBirth = "2018-01-20";
    welsh.details["preferredLanguage"] = "cy";
    store->putChild(welsh);

    model::CourtMatter matter;
    matter.applicationType = "Child arrangements order";
    matter.applicant = "The father (fictional)";
    matter.asked = "That the children spend every other weekend with him";
    matter.questions = {"What are the children's wishes and feelings about time with their father?",
                        "Is there any risk of harm in the father's care?"};
    matter.hearings = {{"2027-01-18", "Dispute resolution appointment"}};
    matter.parties = {
        {"Ash Quillfeather", "Applicant", {{kReportChildId, "father"}, {kWelshChildId, "father"}}},
        {"Rowan Quillfeather", "Respondent", {{kReportChildId, "mother"}, {kWelshChildId, "mother"}}}};
    store->putCourtMatter(kReportCaseId, model::courtMatterToJson(matter));

    for (int i = 1; i <= visits; ++i) {
        char date[16];
        std::snprintf(date, sizeof date, "2026-%02d-%02d", 9 + (i - 1) / 28 % 3, 1 + (i - 1) % 28);
        activityIds.push_back(addVisit(kReportChildId, date, wishWords(i)));
    }
    // A skin map under the first visit, signed.
    skinmap::SkinMap map = skinmap::demoSkinMap();
    map.header.childId = kReportChildId;
    map.header.childName = kReportChildName;
    storage::NewRecord sm;
    sm.caseId = kReportCaseId;
    sm.childId = kReportChildId;
    sm.kind = storage::kinds::kSkinMap;
    sm.author = kAuthor;
    sm.parentId = visitIds.front();
    sm.payload = skinmap::toJson(map);
    skinMapId = store->sign(store->createDraft(sm).id, kAuthor).id;
    welshActivityId = addVisit(kWelshChildId, "2026-10-05", "Dw i eisiau aros gyda Mam-gu");
}

std::string addSignedVisit(storage::Store& store, const tools::ContentLibrary& library,
                           const std::string& caseId, const std::string& childId, const std::string& date,
                           const std::string& words, std::string* visitIdOut, const std::string& author) {
    model::Visit v;
    v.where = "At school, in a quiet room";
    v.present = "The child only";
    v.purpose = "Wishes and feelings";
    v.confidentialityExplained = true;
    v.startedAt = date + "T10:00:00Z";
    v.signatureName = author;
    storage::NewRecord visit;
    visit.caseId = caseId;
    visit.childId = childId;
    visit.kind = storage::kinds::kVisit;
    visit.author = author;
    visit.payload = model::toJson(v);
    const std::string visitId = store.createDraft(visit).id;
    const tools::ActivityContent* content = library.find("three_wishes");
    if (!content) throw std::runtime_error("three_wishes content missing");
    tools::ActivityResult result = tools::newResult(*content, "en");
    result.answers[0].status = tools::AnswerStatus::Answered;
    result.answers[0].words = words;
    result.answers[1].status = tools::AnswerStatus::Skipped;
    result.order = {"wish_1", "wish_2"};
    storage::NewRecord activity;
    activity.caseId = caseId;
    activity.childId = childId;
    activity.kind = storage::kinds::kActivity;
    activity.author = author;
    activity.parentId = visitId;
    activity.payload = tools::resultToJson(result);
    const std::string activityId = store.createDraft(activity).id;
    store.sign(activityId, author);
    store.sign(visitId, author);
    if (visitIdOut) *visitIdOut = visitId;
    return activityId;
}

std::string ReportWorld::addVisit(const std::string& childId, const std::string& date,
                                  const std::string& words) {
    std::string visitId;
    const std::string activityId =
        addSignedVisit(*store, library, kReportCaseId, childId, date, words, &visitId);
    if (childId == kReportChildId) visitIds.push_back(visitId);
    return activityId;
}

storage::Record ReportWorld::addSigned(const char* kind, const nlohmann::json& payload,
                                       const std::string& parentId) {
    storage::NewRecord r;
    r.caseId = kReportCaseId;
    r.childId = kReportChildId;
    r.kind = kind;
    r.author = kAuthor;
    r.parentId = parentId;
    r.payload = payload;
    return store->sign(store->createDraft(r).id, kAuthor);
}

std::string ReportWorld::addActivity(const std::string& visitId, const tools::ActivityResult& result) {
    return addSigned(storage::kinds::kActivity, tools::resultToJson(result), visitId).id;
}

report::CaseFile ReportWorld::caseFile(const std::string& childId) {
    return report::loadCaseFile(*store, childId, &library);
}

model::ChildImpactAnalysis ReportWorld::completeAnalysis() {
    model::ChildImpactAnalysis a;
    for (model::ImpactSection s : model::impactSections())
        a.part(s).text = std::string("Fictional analysis: ") + model::impactSectionId(s) + ".";
    using model::ImpactSection;
    a.part(ImpactSection::WishesFeelings).citations = {{activityIds[0], "wish_1"},
                                                       {activityIds[1], "wish_1"}};
    for (model::ImpactSection s : model::impactSections())
        if (model::needsEvidence(s)) a.part(s).citations = {{visitIds[0], ""}};
    a.part(ImpactSection::ChecklistA).citations = {{activityIds[1], "wish_1"}};
    a.part(ImpactSection::ChecklistE).citations = {{skinMapId, ""}};
    a.noOrderOption()->evaluation = "Fictional: with no order the children would see their father only when "
                                    "the adults agree, which has not happened since the summer.";
    model::CourtOption cao;
    cao.order = "Child arrangements order: time with the father every other weekend";
    cao.evaluation = "Fictional: this gives the predictability Wren asks for.";
    cao.citations = {{activityIds[0], "wish_1"}};
    a.options.push_back(cao);
    a.signatureName = kAuthor;
    return a;
}

storage::Record ReportWorld::saveAndSign(const model::ChildImpactAnalysis& analysis,
                                         const std::string& childId) {
    storage::NewRecord r;
    r.caseId = kReportCaseId;
    r.childId = childId;
    r.kind = storage::kinds::kChildImpact;
    r.author = kAuthor;
    r.payload = model::impactToJson(analysis);
    return store->sign(store->createDraft(r).id, kAuthor);
}

} // namespace heard::test
