#include "app/tools/parental_conflict/model/conflict_analysis.h"

#include "app/i18n/i18n.h"
#include "app/model/citation_list.h"
#include "app/model/record_fields.h"

#include <algorithm>
#include <cctype>

namespace heard::tools {

namespace {

struct SectionInfo {
    ConflictSection section;
    const char* id;
    const char* title;
    const char* hint;
    const char* noneLabel; // nullptr: must be written
};

const char* const kNotApplicable = N_("Not applicable");

const SectionInfo kSections[kConflictSectionCount] = {
    {ConflictSection::HappeningNow, "happening_now", N_("What is happening for this child?"),
     N_("Start here, in a few lines: the child's life as you understand it now, before the detail."),
     nullptr},
    {ConflictSection::DomesticAbuse, "domestic_abuse", N_("Domestic abuse, considered first"),
     N_("Any allegation or sign of domestic abuse or coercive control. Abuse is not 'conflict': if it is "
        "there, follow the domestic abuse and safeguarding procedures first."),
     N_("No indication of domestic abuse")},
    {ConflictSection::Frequency, "frequency", N_("How often the adults argue"),
     N_("How often arguments happen, and whether that has changed since the separation."), kNotApplicable},
    {ConflictSection::Intensity, "intensity", N_("How intense the arguments are"),
     N_("Raised voices, insults, threats, anything thrown or broken, any violence; control after "
        "separation."),
     kNotApplicable},
    {ConflictSection::Resolution, "resolution", N_("Whether arguments are resolved"),
     N_("Whether the adults make up, and whether the child sees that they do."), kNotApplicable},
    {ConflictSection::Exposure, "exposure", N_("The child's exposure"),
     N_("Where the child is and what they see or hear."), kNotApplicable},
    {ConflictSection::Involvement, "involvement", N_("The child's involvement"),
     N_("Carrying messages, being asked to choose, being blamed, being told things about the other parent."),
     kNotApplicable},
    {ConflictSection::CoachingPressure, "coaching_pressure", N_("Signs of coaching or pressure"),
     N_("Your observations only: adult words or rehearsed phrases, pressure to say something, behaviour that "
        "turns the child against a parent. Keep apart from the child's own words."),
     kNotApplicable},
    {ConflictSection::Effects, "effects", N_("Effects on the child"),
     N_("Feelings, behaviour, sleep, school, friendships, what the child does when it happens; any emotional "
        "harm."),
     kNotApplicable},
    {ConflictSection::Protective, "protective", N_("Protective factors"),
     N_("Who and what helps the child, and what the child says would make things better."), kNotApplicable},
    {ConflictSection::Conclusion, "conclusion", N_("Conclusion: what is happening for this child?"),
     N_("Your professional judgement of the impact on the child, with the reasons for it. Not a score."),
     nullptr},
    {ConflictSection::NextSteps, "next_steps", N_("Next steps"),
     N_("What happens next, who does it and when."), nullptr},
};

const SectionInfo& info(ConflictSection section) {
    return kSections[static_cast<size_t>(section)];
}

struct IndicatorInfo {
    ConflictIndicator indicator;
    const char* id;
    const char* title;
};

const IndicatorInfo kIndicators[kConflictIndicatorCount] = {
    {ConflictIndicator::DescribesParents, "describes_parents", N_("How the child describes each parent")},
    {ConflictIndicator::RehearsedLanguage, "rehearsed_language",
     N_("Rehearsed or adult words; one parent all good, the other all bad")},
    {ConflictIndicator::ReasonsGiven, "reasons_given",
     N_("The reasons the child gives, and whether they come from the child's own experience")},
    {ConflictIndicator::ViewsOnTime, "views_on_time", N_("The child's views on time with each parent")},
    {ConflictIndicator::FitsAge, "fits_age", N_("Whether the child's comments fit their age")},
    {ConflictIndicator::AnxietyAroundContact, "anxiety_around_contact",
     N_("Anxiety around spending time with a parent")},
    {ConflictIndicator::SiblingConsistency, "sibling_consistency",
     N_("Whether brothers and sisters say consistent things")},
    {ConflictIndicator::RelationshipChange, "relationship_change",
     N_("How the relationship with the parent now rejected changed after the separation")},
    {ConflictIndicator::WarmthAndResistance, "warmth_and_resistance",
     N_("How a parent's warmth compares with how strongly the child resists them")},
};

struct JudgementInfo {
    HarmJudgement judgement;
    const char* id;
    const char* label;
};

const JudgementInfo kJudgements[] = {
    {HarmJudgement::NotChosen, "", N_("Not chosen")},
    {HarmJudgement::Low, "low", N_("Low")},
    {HarmJudgement::Medium, "medium", N_("Medium")},
    {HarmJudgement::High, "high", N_("High")},
    {HarmJudgement::CannotSayYet, "cannot_say_yet", N_("Cannot say yet")},
};

// Every value of an enum numbered 0..N-1, in order. The tables above list them in the same
// order (the id round-trip tests fail if one does not).
template <typename Enum, size_t N> std::array<Enum, N> valuesInOrder() {
    std::array<Enum, N> all{};
    for (size_t i = 0; i < N; ++i)
        all[i] = static_cast<Enum>(i);
    return all;
}

// The value of the table row whose stable JSON id is id; false when none is.
template <typename Info, size_t N, typename Value>
bool valueForId(const Info (&table)[N], const std::string& id, Value Info::*value, Value& out) {
    for (const Info& row : table) {
        if (id == row.id) {
            out = row.*value;
            return true;
        }
    }
    return false;
}

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

} // namespace

const std::array<ConflictSection, kConflictSectionCount>& conflictSections() {
    static const auto s_all = valuesInOrder<ConflictSection, kConflictSectionCount>();
    return s_all;
}

const char* sectionId(ConflictSection section) {
    return info(section).id;
}
const char* sectionTitle(ConflictSection section) {
    return info(section).title;
}
const char* sectionHint(ConflictSection section) {
    return info(section).hint;
}
const char* sectionNoneLabel(ConflictSection section) {
    return info(section).noneLabel;
}

bool sectionFromId(const std::string& id, ConflictSection& out) {
    return valueForId(kSections, id, &SectionInfo::section, out);
}

const std::array<ConflictIndicator, kConflictIndicatorCount>& conflictIndicators() {
    static const auto s_all = valuesInOrder<ConflictIndicator, kConflictIndicatorCount>();
    return s_all;
}

const char* indicatorId(ConflictIndicator indicator) {
    return kIndicators[static_cast<size_t>(indicator)].id;
}
const char* indicatorTitle(ConflictIndicator indicator) {
    return kIndicators[static_cast<size_t>(indicator)].title;
}

bool indicatorFromId(const std::string& id, ConflictIndicator& out) {
    return valueForId(kIndicators, id, &IndicatorInfo::indicator, out);
}

const char* harmJudgementId(HarmJudgement judgement) {
    return kJudgements[static_cast<size_t>(judgement)].id;
}
const char* harmJudgementLabel(HarmJudgement judgement) {
    return kJudgements[static_cast<size_t>(judgement)].label;
}

bool harmJudgementFromId(const std::string& id, HarmJudgement& out) {
    return valueForId(kJudgements, id, &JudgementInfo::judgement, out);
}

bool ConflictAnalysis::cite(ConflictSection s, const Citation& citation) {
    return model::citeOnce(section(s).citations, citation);
}

bool ConflictAnalysis::uncite(ConflictSection s, const Citation& citation) {
    return model::removeCitation(section(s).citations, citation);
}

std::vector<AnalysisProblem>
ConflictAnalysis::problemsBeforeSigning(const std::string& activityRecordId,
                                        const ActivityResult& childResult) const {
    std::vector<AnalysisProblem> problems;
    if (visitId.empty()) problems.push_back({N_("The visit"), N_("this analysis belongs to no visit")});
    for (ConflictSection s : conflictSections()) {
        const AnalysisSection& sec = section(s);
        const bool mustWrite = sectionNoneLabel(s) == nullptr;
        if (blank(sec.text) && (mustWrite || !sec.notApplicable))
            problems.push_back({sectionTitle(s), mustWrite ? N_("must be written")
                                                           : N_("write it, or tick the box under it")});
        // A child who told of something unsafe (seeing the adults hit each other, say) has raised
        // what this section is for: ticking "no indication" is not enough, the reasoning is needed.
        else if (s == ConflictSection::DomesticAbuse && blank(sec.text) && childResult.unsafeDisclosed &&
                 !activityRecordId.empty())
            problems.push_back(
                {sectionTitle(s),
                 N_("the child's answers raise a safety concern: write how you considered it")});
        for (const Citation& c : sec.citations)
            if (!citationIsEvidence(c, activityRecordId, childResult))
                problems.push_back({sectionTitle(s), N_("cites an answer the child did not give")});
    }
    for (ConflictIndicator i : conflictIndicators())
        if (indicator(i).applies && blank(indicator(i).note))
            problems.push_back({indicatorTitle(i), N_("say what you saw or heard")});
    if (harmJudgement == HarmJudgement::NotChosen)
        problems.push_back({N_("Your judgement of harmful conflict"), N_("choose one")});
    if (blank(signatureName)) problems.push_back({N_("Your name, typed"), N_("needed to sign")});
    if (signatureStrokes.empty())
        problems.push_back({N_("Your signature"), N_("needed to sign")});
    else if (!model::isRealSignature(signatureStrokes))
        problems.push_back(
            {N_("Your signature"), N_("a dot or a tap is not a signature; sign with your finger")});
    return problems;
}

bool citationIsEvidence(const Citation& citation, const std::string& activityRecordId,
                        const ActivityResult& result) {
    if (citation.activityRecordId.empty() || citation.activityRecordId != activityRecordId) return false;
    return result.givenAnswer(citation.stepId) != nullptr;
}

nlohmann::json analysisToJson(const ConflictAnalysis& analysis) {
    nlohmann::json sections = nlohmann::json::object();
    for (ConflictSection s : conflictSections()) {
        const AnalysisSection& sec = analysis.section(s);
        nlohmann::json citations = nlohmann::json::array();
        for (const Citation& c : sec.citations)
            citations.push_back({{"record", c.activityRecordId}, {"step", c.stepId}});
        sections[sectionId(s)] = {
            {"text", sec.text}, {"notApplicable", sec.notApplicable}, {"citations", citations}};
    }
    nlohmann::json indicators = nlohmann::json::object();
    for (ConflictIndicator i : conflictIndicators())
        indicators[indicatorId(i)] = {{"applies", analysis.indicator(i).applies},
                                      {"note", analysis.indicator(i).note}};
    return {{"format", 2},
            {"guidanceVersion", analysis.guidanceVersion},
            {"visitId", analysis.visitId},
            {"sections", sections},
            {"indicators", indicators},
            {"harmJudgement", harmJudgementId(analysis.harmJudgement)},
            {"signature_name", analysis.signatureName},
            {"signature_strokes", analysis.signatureStrokes}};
}

namespace {

// Reads the fields of one object by name; the first problem names the JSON path of the field.
class FieldReader {
public:
    FieldReader(const nlohmann::json& object, std::string path) : m_object(object), m_path(std::move(path)) {}
    bool ok() const { return m_error.empty(); }
    const std::string& error() const { return m_error; }
    bool fail(const std::string& field, const std::string& message) {
        if (m_error.empty()) m_error = m_path + "/" + field + ": " + message;
        return false;
    }
    void text(const char* field, std::string& out) {
        if (!ok() || !m_object.contains(field)) return;
        if (!m_object[field].is_string())
            fail(field, "must be a string");
        else
            out = m_object[field].get<std::string>();
    }
    void flag(const char* field, bool& out) {
        if (!ok() || !m_object.contains(field)) return;
        if (!m_object[field].is_boolean())
            fail(field, "must be true or false");
        else
            out = m_object[field].get<bool>();
    }

private:
    const nlohmann::json& m_object;
    std::string m_path;
    std::string m_error;
};

bool readCitations(const nlohmann::json& list, const std::string& path, std::vector<Citation>& out,
                   std::string& error) {
    if (!list.is_array()) {
        error = path + ": must be an array";
        return false;
    }
    for (size_t i = 0; i < list.size(); ++i) {
        const nlohmann::json& c = list[i];
        if (!c.is_object() || !c.contains("record") || !c["record"].is_string() || !c.contains("step") ||
            !c["step"].is_string()) {
            error = path + "/" + std::to_string(i) + ": must have string \"record\" and \"step\"";
            return false;
        }
        out.push_back({c["record"].get<std::string>(), c["step"].get<std::string>()});
    }
    return true;
}

bool readStrokes(const nlohmann::json& list, std::vector<std::vector<float>>& out, std::string& error) {
    if (!list.is_array()) {
        error = "/signature_strokes: must be an array of strokes";
        return false;
    }
    for (size_t i = 0; i < list.size(); ++i) {
        const nlohmann::json& stroke = list[i];
        std::vector<float> points;
        const bool isNumbers =
            stroke.is_array() &&
            std::all_of(stroke.begin(), stroke.end(), [](const nlohmann::json& v) { return v.is_number(); });
        if (!isNumbers || stroke.size() % 2 != 0) {
            error = "/signature_strokes/" + std::to_string(i) + ": must be pairs of numbers";
            return false;
        }
        for (const auto& v : stroke)
            points.push_back(v.get<float>());
        out.push_back(std::move(points));
    }
    return true;
}

} // namespace

bool analysisFromJson(const nlohmann::json& payload, ConflictAnalysis& out, std::string& error) {
    auto fail = [&error](const std::string& message) {
        error = message;
        return false;
    };
    if (!payload.is_object()) return fail("the analysis must be a JSON object");
    const auto format = payload.find("format");
    if (format == payload.end() || !format->is_number_integer() ||
        (format->get<int>() != 1 && format->get<int>() != 2))
        return fail("/format: must be 1 or 2 (a newer Heard made this record?)");
    if (!payload.contains("visitId") || !payload["visitId"].is_string())
        return fail("/visitId: must be a string");
    if (!payload.contains("sections") || !payload["sections"].is_object())
        return fail("/sections: must be an object");
    ConflictAnalysis result;
    result.visitId = payload["visitId"].get<std::string>();
    // A format 1 record predates guidance versions: it answered version 1.
    result.guidanceVersion = 1;
    if (payload.contains("guidanceVersion")) {
        if (!payload["guidanceVersion"].is_number_integer() || payload["guidanceVersion"].get<int>() < 1)
            return fail("/guidanceVersion: must be a whole number from 1");
        result.guidanceVersion = payload["guidanceVersion"].get<int>();
    }
    for (const auto& [key, value] : payload["sections"].items()) {
        const std::string path = "/sections/" + key;
        ConflictSection s;
        if (!sectionFromId(key, s)) return fail(path + ": unknown section");
        if (!value.is_object()) return fail(path + ": must be an object");
        AnalysisSection& sec = result.section(s);
        FieldReader fields(value, path);
        fields.text("text", sec.text);
        fields.flag("notApplicable", sec.notApplicable);
        if (!fields.ok()) return fail(fields.error());
        if (value.contains("citations") &&
            !readCitations(value["citations"], path + "/citations", sec.citations, error))
            return false;
    }
    if (payload.contains("indicators")) {
        if (!payload["indicators"].is_object()) return fail("/indicators: must be an object");
        for (const auto& [key, value] : payload["indicators"].items()) {
            const std::string path = "/indicators/" + key;
            ConflictIndicator i;
            if (!indicatorFromId(key, i)) return fail(path + ": unknown indicator");
            if (!value.is_object()) return fail(path + ": must be an object");
            FieldReader fields(value, path);
            fields.flag("applies", result.indicator(i).applies);
            fields.text("note", result.indicator(i).note);
            if (!fields.ok()) return fail(fields.error());
        }
    }
    FieldReader top(payload, "");
    std::string judgement;
    top.text("harmJudgement", judgement);
    top.text("signature_name", result.signatureName);
    if (!top.ok()) return fail(top.error());
    if (!harmJudgementFromId(judgement, result.harmJudgement))
        return fail("/harmJudgement: must be low, medium, high, cannot_say_yet or empty");
    if (payload.contains("signature_strokes") &&
        !readStrokes(payload["signature_strokes"], result.signatureStrokes, error))
        return false;
    out = std::move(result);
    return true;
}

} // namespace heard::tools
