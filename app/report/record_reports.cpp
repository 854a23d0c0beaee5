// The reports of one signed record (issue 16, item 3): the visit record with its activities, and
// the conflict analysis with the answers it cites. Index:
//   [SECTION] the visit record
//   [SECTION] the conflict analysis
//
// The child's words are set apart from the practitioner's everywhere: they are quotations
// (Block::Kind::Quote, in quotation marks) under "The child's own words", and the practitioner's
// writing is plain paragraphs under the record's own headings. Only answers the child gave
// appear (ActivityResult::givenAnswer): a skipped question is named as skipped, never answered.
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/model/visit.h"
#include "app/report/case_reports.h"
#include "app/report/report_parts.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/tools/framework/report/answer_pictures.h"
#include "app/tools/parental_conflict/model/conflict_analysis.h"
#include "storage/record_kinds.h"

#include <cstdio>
#include <memory>
#include <optional>

namespace heard::report {

using namespace detail;
namespace kinds = storage::kinds;

namespace {

void signedLine(Document& doc, const storage::Record& record) {
    if (record.status == storage::RecordStatus::Signed)
        doc.add(Block::Kind::Note, std::string(_("Signed by")) + " " + record.signedBy + ", " +
                                       model::formatForPeople(record.signedAt));
    else
        doc.add(Block::Kind::Note, _("DRAFT: not signed"));
}

void childHeader(Document& doc, const CaseFile& file) {
    doc.add(Block::Kind::Paragraph, std::string(_("Case")) + " " + file.theCase.reference + "   " +
                                        _("Child") + " " + initials(file.child.displayName));
}

// A picture of an answer, when it has one: the face, the scale, the drawing, the map.
std::optional<Block> answerPicture(const tools::Answer& a, const tools::Step& step,
                                   const tools::ActivityContent& content, const model::ChildPeople& people) {
    Block b;
    b.kind = Block::Kind::Drawing;
    if (step.kind == tools::StepKind::Face) {
        for (const tools::FaceOption& f : content.faces)
            if (f.id == a.faceId) {
                const tools::Expression expression = f.expression;
                const int strength = a.strength;
                b.height = 70;
                b.draw = [expression, strength](cairo_t* cr, double x, double y, double, double h) {
                    tools::drawFaceCairo(cr, expression, x + 50 + h / 2, y + h / 2, h / 2 - 3, strength);
                };
                return b;
            }
        return std::nullopt;
    }
    // A pictures-only answer has no place on the 0-10 drawing: its words say which picture.
    if (step.kind == tools::StepKind::Scale && a.scale >= 0 && a.scaleForm == tools::ScaleForm::Numbers) {
        const tools::ScaleTone tone = step.tone;
        const int value = a.scale;
        b.height = 70;
        b.draw = [tone, value](cairo_t* cr, double x, double y, double w, double h) {
            tools::drawScaleCairo(cr, tone, value, x + 30, y, std::min(w - 30, 320.0), h);
        };
        return b;
    }
    if (!a.strokes.empty()) {
        const std::vector<tools::Stroke> strokes = a.strokes;
        b.height = 200;
        b.draw = [strokes](cairo_t* cr, double x, double y, double, double h) {
            tools::drawStrokesCairo(cr, strokes, x + 30, y, h * 4 / 3, h);
        };
        return b;
    }
    if (!a.placements.empty()) {
        std::vector<std::string> labels;
        for (const tools::Placement& p : a.placements) {
            std::string label = p.name;
            if (label.empty())
                for (const tools::ChoiceOption& person : step.people)
                    if (person.id == p.tokenId) label = _(person.label.c_str());
            if (label.empty()) // one of the child's people, by the name the practitioner set (issue 18.2)
                for (const model::ChildPerson& person : people.people)
                    if ("person." + person.id == p.tokenId) label = person.name;
            labels.push_back(label.empty() ? p.tokenId : label);
        }
        const std::vector<tools::Placement> placements = a.placements;
        b.height = 220;
        b.draw = [placements, labels](cairo_t* cr, double x, double y, double, double h) {
            tools::drawPlacementsCairo(cr, placements, labels, x + 30, y, h);
        };
        return b;
    }
    return std::nullopt;
}

void addActivity(Document& doc, const CaseFile& file, const storage::Record& record) {
    tools::ActivityResult result;
    std::string error;
    if (!tools::resultFromJson(record.payload, result, error)) {
        doc.add(Block::Kind::Note, _("This activity could not be read."));
        return;
    }
    const tools::ActivityContent* content =
        file.library ? file.library->forRecord(result.contentId, result.contentVersion) : nullptr;
    doc.add(Block::Kind::Subheading, content ? std::string(_(content->title.c_str())) : result.contentId);
    if (!content) {
        doc.add(Block::Kind::Note, _("The wording of this activity is not on this device."));
        return;
    }
    const char* lang = i18n::language().c_str();
    std::vector<std::string> skipped;
    bool any = false;
    for (const tools::Step& step : content->steps) {
        const tools::Answer* a = result.givenAnswer(step.id);
        if (!a) {
            const tools::Answer* raw = result.answerFor(step.id);
            if (raw && raw->status == tools::AnswerStatus::Skipped)
                skipped.push_back(tools::childText(result, step.prompt));
            continue;
        }
        any = true;
        Evidence e;
        answerText(*a, &step, content, lang, e);
        doc.add(Block::Kind::Note, tools::childText(result, step.prompt));
        if (std::optional<Block> picture = answerPicture(*a, step, *content, tools::peopleUsed(result)))
            doc.blocks.push_back(std::move(*picture));
        // A drawing or a map is its picture: no words stand in for it, and it was not "chosen".
        const bool pictureOnly = !e.ownWords && (!a->strokes.empty() || !a->placements.empty());
        if (!e.answer.empty() && !pictureOnly) {
            std::string shown = e.ownWords ? "\u201c" + e.answer + "\u201d" : e.answer;
            if (step.kind == tools::StepKind::Face && a->strength >= 1 && a->strength <= 3) {
                const char* strengths[] = {N_("A little"), N_("Quite"), N_("Very")};
                shown += " (" + std::string(_(strengths[a->strength - 1])) + ")";
            }
            doc.add(Block::Kind::Quote, shown);
            doc.add(Block::Kind::Note, std::string("(") + wordsNote(e) + ")");
        }
    }
    if (!any) doc.add(Block::Kind::Paragraph, _("The child gave no answers in this activity."));
    if (!skipped.empty()) {
        doc.add(Block::Kind::Note, _("The child chose to skip:"));
        for (const std::string& prompt : skipped)
            doc.add(Block::Kind::Bullet, prompt);
    }
    if (result.stopped) doc.add(Block::Kind::Note, _("The child chose to stop this activity."));
    if (!result.interpretation.empty()) {
        doc.add(Block::Kind::Note, _("The practitioner's interpretation (not the child's words):"));
        doc.add(Block::Kind::Paragraph, result.interpretation);
    }
}

} // namespace

// [SECTION] the visit record -------------------------------------------------------------------

bool visitDocument(const CaseFile& file, const storage::Record& record, Document& doc, std::string& error) {
    if (record.kind != kinds::kVisit) return error = "not a visit record", false;
    model::Visit visit;
    try {
        visit = model::visitFromJson(record.payload);
    } catch (const std::exception& e) {
        error = e.what();
        return false;
    }
    doc = Document{};
    frame(file, doc, i18n::language().c_str());
    doc.title = _("Visit record");
    doc.add(Block::Kind::Title, _("Visit record"));
    childHeader(doc, file);
    doc.add(Block::Kind::Paragraph,
            std::string(_("Visit started")) + ": " +
                model::formatForPeople(visit.startedAt.empty() ? record.createdAt : visit.startedAt));
    signedLine(doc, record);

    doc.add(Block::Kind::Heading, _("The practitioner's record"));
    const std::vector<std::pair<std::string, std::string>> start = {
        {"where", visit.where}, {"present", visit.present}, {"purpose", visit.purpose}};
    for (const model::FieldSpec& f : model::visitStartFields()) {
        for (const auto& [key, value] : start)
            if (key == f.key) {
                doc.add(Block::Kind::Subheading, _(f.label));
                doc.add(Block::Kind::Paragraph, value);
            }
    }
    doc.add(Block::Kind::Subheading, _("The limits of confidentiality"));
    doc.add(Block::Kind::Paragraph, visit.confidentialityExplained
                                        ? std::string(_("Explained to the child")) + ", " +
                                              model::formatForPeople(visit.confidentialityExplainedAt)
                                        : std::string(_("Not recorded as explained")));
    // The interpreter actually used (issue 18.6, NS 8.6), in the words the Record screen uses.
    doc.add(Block::Kind::Subheading, _("Interpreter"));
    const model::VisitInterpreter& interpreter = visit.interpreter;
    std::string used = interpreter.used == "no" ? _("No interpreter") : _("Not said");
    if (interpreter.used == "yes") {
        used =
            (interpreter.language.empty() ? std::string(_("Language not written")) : interpreter.language) +
            ", " + (interpreter.name.empty() ? std::string(_("Name not written")) : interpreter.name);
        if (!interpreter.mode.empty())
            used += std::string(", ") +
                    (interpreter.mode == "remote" ? _("Remote (phone or video)") : _("In person"));
    }
    doc.add(Block::Kind::Paragraph, used);
    for (const model::FieldSpec& f : model::visitWriteUpFields()) {
        doc.add(Block::Kind::Subheading, _(f.label));
        const auto it = visit.writeUp.find(f.key);
        doc.add(Block::Kind::Paragraph,
                it != visit.writeUp.end() && it->is_string() ? it->get<std::string>() : "");
    }

    doc.add(Block::Kind::Heading, _("The child's activities"));
    doc.add(Block::Kind::Note,
            _("The child's own words and choices, exactly as given, set apart in quotation "
              "marks; faces, scales and drawings as the child saw them."));
    bool any = false;
    for (const storage::Record& r : file.records)
        if (r.kind == kinds::kActivity && r.parentId == record.id &&
            r.status == storage::RecordStatus::Signed) {
            any = true;
            addActivity(doc, file, r);
        }
    if (!any) doc.add(Block::Kind::Paragraph, _("No activities were done in this visit."));

    doc.add(Block::Kind::Heading, _("Signature"));
    doc.add(Block::Kind::Paragraph, std::string(_("Typed name")) + ": " + visit.signatureName);
    return true;
}

// [SECTION] the conflict analysis --------------------------------------------------------------

bool conflictAnalysisDocument(const CaseFile& file, const storage::Record& record, Document& doc,
                              std::string& error) {
    if (record.kind != kinds::kConflictAnalysis) return error = "not a conflict analysis", false;
    tools::ConflictAnalysis a;
    if (!tools::analysisFromJson(record.payload, a, error)) return false;
    doc = Document{};
    const char* lang = i18n::language().c_str();
    frame(file, doc, lang);
    doc.title = _("Impact of parental conflict: analysis");
    doc.add(Block::Kind::Title, _("Impact of parental conflict: analysis"));
    childHeader(doc, file);
    if (const storage::Record* visit = file.find(a.visitId))
        doc.add(Block::Kind::Paragraph, std::string(_("Visit")) + ": " + visitDate(*visit));
    signedLine(doc, record);
    doc.add(Block::Kind::Note,
            _("The practitioner's professional judgement, not a score. The child's answers "
              "it cites are quoted from the activity record, exactly as given."));

    for (tools::ConflictSection s : tools::conflictSections()) {
        const tools::AnalysisSection& section = a.section(s);
        doc.add(Block::Kind::Heading, _(tools::sectionTitle(s)));
        if (!section.text.empty())
            doc.add(Block::Kind::Paragraph, section.text);
        else if (section.notApplicable && tools::sectionNoneLabel(s))
            doc.add(Block::Kind::Note, _(tools::sectionNoneLabel(s)));
        for (const tools::Citation& c : section.citations) {
            const Evidence e = resolveIn(file, {c.activityRecordId, c.stepId}, lang);
            if (!e.found) {
                doc.add(Block::Kind::Note, _("Cited evidence not found on this device"));
                continue;
            }
            doc.add(Block::Kind::Note, e.date + ", " + e.source + ": " + e.question);
            doc.add(Block::Kind::Quote, e.ownWords ? "\u201c" + e.answer + "\u201d" : e.answer);
            doc.add(Block::Kind::Note, std::string("(") + wordsNote(e) + ")");
        }
    }

    doc.add(Block::Kind::Heading, _("Indicators that apply significantly"));
    bool anyIndicator = false;
    for (tools::ConflictIndicator i : tools::conflictIndicators()) {
        const tools::IndicatorMark& mark = a.indicator(i);
        if (!mark.applies) continue;
        anyIndicator = true;
        doc.add(Block::Kind::Subheading, _(tools::indicatorTitle(i)));
        doc.add(Block::Kind::Paragraph, mark.note);
    }
    if (!anyIndicator) doc.add(Block::Kind::Paragraph, _("None marked as applying."));
    doc.add(Block::Kind::Heading, _("Your judgement of harmful conflict"));
    doc.add(Block::Kind::Paragraph, a.harmJudgement == tools::HarmJudgement::NotChosen
                                        ? std::string(_("Not chosen"))
                                        : std::string(_(tools::harmJudgementLabel(a.harmJudgement))));
    doc.add(Block::Kind::Heading, _("Signature"));
    doc.add(Block::Kind::Paragraph, std::string(_("Typed name")) + ": " + a.signatureName);
    return true;
}

} // namespace heard::report
