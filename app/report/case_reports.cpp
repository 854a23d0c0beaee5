#include "app/report/case_reports.h"
#include "app/report/report_parts.h"

#include "app/i18n/i18n.h"
#include "app/tools/framework/model/answer_text.h"
#include "app/model/calendar.h"
#include "app/model/child_details.h"
#include "app/model/visit.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/tools/skin_map/model/skin_map_json.h"
#include "app/tools/skin_map/report/skin_map_render.h"
#include "storage/record_kinds.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <cstdio>
#include <sstream>

namespace heard::report {

namespace kinds = storage::kinds;

namespace detail {

// The protective marking on every page of every report.
const char* const kMarking = N_("OFFICIAL-SENSITIVE: about a child. Do not copy or pass on.");

std::string dateOf(const std::string& iso) {
    return iso.empty() ? std::string() : model::formatDateForPeople(iso);
}

// When a visit happened: its start (a visit written up later is still dated when it was).
std::string visitDate(const storage::Record& visit) {
    try {
        const model::Visit v = model::visitFromJson(visit.payload);
        if (!v.startedAt.empty()) return dateOf(v.startedAt);
    } catch (const std::exception&) {
    }
    return dateOf(visit.createdAt);
}

// When the child said it: the start of the visit the activity belongs to.
std::string activityDate(const CaseFile& file, const storage::Record& activity) {
    if (const storage::Record* visit = file.find(activity.parentId)) return visitDate(*visit);
    return dateOf(activity.createdAt);
}

const char* kindLabel(const std::string& kind) {
    if (kind == kinds::kVisit) return N_("Visit record");
    if (kind == kinds::kSkinMap) return N_("Skin map");
    if (kind == kinds::kConflictAnalysis) return N_("Impact of parental conflict: analysis");
    if (kind == kinds::kRiskIdentification) return N_("Risk identification");
    if (kind == kinds::kSafetyAlert) return N_("Safety alert");
    if (kind == kinds::kConcern) return N_("Welfare concern");
    if (kind == kinds::kInformationSharing) return N_("Information shared");
    if (kind == kinds::kNotSeen) return N_("Child not seen");
    return N_("Record");
}

void answerText(const tools::Answer& a, const tools::Step* step, const tools::ActivityContent* content,
                const char* lang, Evidence& e) {
    std::string chosen;
    if (step) {
        switch (step->kind) {
        case tools::StepKind::Scale:
            chosen = tools::scaleText(a, lang); // with the form it was given on
            break;
        case tools::StepKind::Choice:
            for (const tools::ChoiceOption& c : step->choices)
                if (c.id == a.choiceId) chosen = i18n::trIn(lang, c.label.c_str());
            break;
        case tools::StepKind::Face:
            if (content) chosen = tools::facesText(a, *content, lang); // every feeling chosen
            break;
        default:
            break;
        }
    }
    e.ownWords = !a.words.empty();
    e.dictated = a.dictated;
    if (!a.words.empty())
        e.answer = chosen.empty() ? a.words : chosen + ": " + a.words;
    else if (!chosen.empty())
        e.answer = chosen;
    else if (!a.strokes.empty())
        e.answer = i18n::trIn(lang, "(a drawing)");
    else if (!a.placements.empty())
        e.answer = i18n::trIn(lang, "(people placed on their map)");
}

Evidence resolveIn(const CaseFile& file, const model::ImpactCitation& c, const char* lang) {
    Evidence e;
    const storage::Record* r = file.find(c.record);
    if (!r || r->childId != file.child.id) return e;
    if (r->kind == kinds::kActivity && !c.item.empty()) {
        tools::ActivityResult result;
        std::string error;
        if (!tools::resultFromJson(r->payload, result, error)) return e;
        const tools::Answer* answer = result.givenAnswer(c.item);
        if (!answer) return e;
        const tools::ActivityContent* content =
            file.library ? file.library->forRecord(result.contentId, result.contentVersion) : nullptr;
        const tools::Step* step = content ? content->findStep(c.item) : nullptr;
        e.found = true;
        e.date = activityDate(file, *r);
        e.source = content ? i18n::trIn(lang, content->title.c_str()) : result.contentId;
        if (step) {
            i18n::ScopedLanguage language(lang); // the question as the child read it, names in (issue 18.2)
            e.question = tools::childText(result, step->prompt);
        } else {
            e.question = c.item;
        }
        answerText(*answer, step, content, lang, e);
        return e;
    }
    e.found = true;
    e.date =
        r->kind == kinds::kVisit ? visitDate(*r) : dateOf(r->signedAt.empty() ? r->createdAt : r->signedAt);
    e.source = i18n::trIn(lang, kindLabel(r->kind));
    return e;
}

void frame(const CaseFile& file, Document& doc, const char* lang) {
    doc.caseNumber = file.theCase.reference;
    doc.initials = initials(file.child.displayName);
    doc.marking = i18n::trIn(lang, kMarking);
    doc.pageWord = i18n::trIn(lang, "Page");
    doc.ofWord = i18n::trIn(lang, "of");
    doc.language = lang;
}

std::string wordsNote(const Evidence& e) {
    if (!e.ownWords) return _("chosen from the activity's options");
    return e.dictated ? _("the child's own words, written down by the practitioner as said")
                      : _("the child's own words, exactly as given");
}

} // namespace detail

using namespace detail;

namespace {

void addCitations(Document& doc, const CaseFile& file, const std::vector<model::ImpactCitation>& citations,
                  const std::vector<model::ImpactCitation>& all) {
    for (const model::ImpactCitation& c : citations) {
        const Evidence e = resolveCitation(file, c);
        const auto at = std::find(all.begin(), all.end(), c);
        const std::string number = "[" + std::to_string(at - all.begin() + 1) + "] ";
        if (!e.found) {
            doc.add(Block::Kind::Note, number + _("Cited evidence not found on this device"));
            continue;
        }
        if (!e.question.empty()) {
            doc.add(Block::Kind::Note, number + e.date + ", " + e.source + ": " + e.question);
            doc.add(Block::Kind::Quote, e.ownWords ? "\u201c" + e.answer + "\u201d" : e.answer);
            doc.add(Block::Kind::Note, std::string("(") + wordsNote(e) + ")");
        } else {
            doc.add(Block::Kind::Note, number + e.source + ", " + e.date);
        }
    }
}

bool readAnalysis(const storage::Record& record, model::ChildImpactAnalysis& out, std::string& error) {
    if (record.kind != kinds::kChildImpact) return error = "not a child impact analysis", false;
    return model::impactFromJson(record.payload, out, error);
}

std::string childFirstName(const std::string& name) {
    const auto space = name.find(' ');
    return space == std::string::npos ? name : name.substr(0, space);
}

} // namespace

const storage::Record* CaseFile::find(const std::string& id) const {
    for (const storage::Record& r : records)
        if (r.id == id) return &r;
    return nullptr;
}

CaseFile loadCaseFile(storage::Store& store, const std::string& childId,
                      const tools::ContentLibrary* library) {
    CaseFile file;
    const auto child = store.childById(childId);
    if (!child) throw storage::StoreError(storage::StoreErrorKind::NotFound, "no child " + childId);
    file.child = *child;
    if (auto c = store.caseById(child->caseId)) file.theCase = *c;
    file.records = store.recordsForChild(childId);
    if (auto matter = store.courtMatter(child->caseId)) {
        std::string error;
        model::courtMatterFromJson(*matter, file.matter, error); // unreadable: reported as empty
    }
    file.library = library;
    const model::ChildDetails details = model::childDetailsFromJson(child->details);
    if (i18n::isSupportedLanguage(details.preferredLanguage)) file.language = details.preferredLanguage;
    return file;
}

std::string initials(const std::string& name) {
    std::string out;
    std::istringstream words(name);
    std::string word;
    while (words >> word) {
        // The first character, whole (UTF-8): never half a letter.
        size_t len = 1;
        const unsigned char first = static_cast<unsigned char>(word[0]);
        if (first >= 0xF0)
            len = 4;
        else if (first >= 0xE0)
            len = 3;
        else if (first >= 0xC0)
            len = 2;
        out += word.substr(0, std::min(len, word.size())) + ".";
    }
    return out;
}

std::string Evidence::line() const {
    std::string out = date + ", " + source;
    if (!question.empty()) out += ": " + question + " " + (ownWords ? "\u201c" + answer + "\u201d" : answer);
    return out;
}

Evidence resolveCitation(const CaseFile& file, const model::ImpactCitation& citation) {
    return resolveIn(file, citation, i18n::language().c_str());
}

std::vector<std::pair<model::ImpactCitation, Evidence>> citableWords(const CaseFile& file) {
    std::vector<std::pair<model::ImpactCitation, Evidence>> out;
    for (auto r = file.records.rbegin(); r != file.records.rend(); ++r) {
        if (r->kind != kinds::kActivity || r->status != storage::RecordStatus::Signed) continue;
        tools::ActivityResult result;
        std::string error;
        if (!tools::resultFromJson(r->payload, result, error)) continue;
        for (const tools::Answer& a : result.answers) {
            const model::ImpactCitation c{r->id, a.stepId};
            Evidence e = resolveCitation(file, c);
            if (e.found) out.emplace_back(c, std::move(e));
        }
    }
    return out;
}

std::vector<std::pair<model::ImpactCitation, Evidence>> citableRecords(const CaseFile& file) {
    std::vector<std::pair<model::ImpactCitation, Evidence>> out;
    for (auto r = file.records.rbegin(); r != file.records.rend(); ++r) {
        if (r->status != storage::RecordStatus::Signed || r->kind == kinds::kActivity ||
            r->kind == kinds::kReport || r->kind == kinds::kChildImpact || r->kind == kinds::kAddendum)
            continue;
        const model::ImpactCitation c{r->id, ""};
        Evidence e = resolveCitation(file, c);
        if (e.found) out.emplace_back(c, std::move(e));
    }
    return out;
}

model::EvidenceIndex evidenceIndex(const CaseFile& file) {
    model::EvidenceIndex index;
    for (const auto& [c, e] : citableWords(file)) {
        index.any.insert(c.key());
        index.childWords.insert(c.key());
    }
    for (const auto& [c, e] : citableRecords(file))
        index.any.insert(c.key());
    return index;
}

bool childImpactDocument(const CaseFile& file, const storage::Record& record, Document& doc,
                         std::string& error) {
    model::ChildImpactAnalysis a;
    if (!readAnalysis(record, a, error)) return false;
    doc = Document{};
    frame(file, doc, i18n::language().c_str());
    doc.title = _("Child impact analysis");
    const std::vector<model::ImpactCitation> all = a.allCitations();

    doc.add(Block::Kind::Title, _("Child impact analysis"));
    doc.add(Block::Kind::Paragraph, std::string(_("Case")) + " " + file.theCase.reference + "   " +
                                        _("Child") + " " + initials(file.child.displayName) + "   " +
                                        _("Date of birth") + " " + dateOf(file.child.dateOfBirth));
    if (record.status == storage::RecordStatus::Signed)
        doc.add(Block::Kind::Note,
                std::string(_("Signed by")) + " " + record.signedBy + ", " + dateOf(record.signedAt));
    else
        doc.add(Block::Kind::Note, _("DRAFT: not signed"));

    // What the court is deciding: the analysis relates its evidence back to it.
    doc.add(Block::Kind::Heading, _("What the court is deciding"));
    const model::CourtMatter& m = file.matter;
    if (m.empty()) doc.add(Block::Kind::Paragraph, _("Not recorded on this device."));
    if (!m.applicationType.empty())
        doc.add(Block::Kind::Paragraph, std::string(_("Application")) + ": " + m.applicationType);
    if (!m.applicant.empty())
        doc.add(Block::Kind::Paragraph, std::string(_("Applicant")) + ": " + m.applicant);
    if (!m.asked.empty()) doc.add(Block::Kind::Paragraph, std::string(_("What is asked")) + ": " + m.asked);
    if (!m.questions.empty()) {
        doc.add(Block::Kind::Subheading, _("The court's questions"));
        for (const std::string& q : m.questions)
            doc.add(Block::Kind::Bullet, q);
    }
    if (!m.hearings.empty()) {
        doc.add(Block::Kind::Subheading, _("Hearings"));
        for (const model::Hearing& h : m.hearings)
            doc.add(Block::Kind::Bullet, (h.date.size() == 10 ? dateOf(h.date + "T00:00:00Z") : h.date) +
                                             (h.purpose.empty() ? "" : ": " + h.purpose));
    }
    if (!m.parties.empty()) {
        doc.add(Block::Kind::Subheading, _("Parties"));
        Block table;
        table.kind = Block::Kind::Table;
        table.columns = {0.4, 0.3, 0.3};
        table.rows.push_back({_("Name"), _("Role"), _("Relationship to the child")});
        for (const model::Party& p : m.parties) {
            const auto rel = p.relationships.find(file.child.id);
            table.rows.push_back({p.name, p.role, rel == p.relationships.end() ? "" : rel->second});
        }
        doc.blocks.push_back(std::move(table));
    }

    for (model::ImpactSection s : model::impactSections()) {
        if (s == model::ImpactSection::ChecklistA) {
            doc.add(Block::Kind::Heading, _("The welfare checklist (Children Act 1989, s1(3))"));
        }
        if (s == model::ImpactSection::Recommendation) {
            doc.add(Block::Kind::Heading, _("The options open to the court"));
            doc.add(Block::Kind::Note,
                    _("The court makes no order unless that is better for the child than making "
                      "no order (Children Act 1989, s1(5))."));
            for (const model::CourtOption& o : a.options) {
                doc.add(Block::Kind::Subheading, o.noOrder ? std::string(_("No order")) : o.order);
                doc.add(Block::Kind::Paragraph, o.evaluation);
                addCitations(doc, file, o.citations, all);
            }
        }
        const model::ImpactPart& p = a.part(s);
        doc.add(model::isChecklistSection(s) ? Block::Kind::Subheading : Block::Kind::Heading,
                _(model::impactSectionTitle(s)));
        if (s == model::ImpactSection::WishesFeelings && p.citations.empty())
            doc.add(Block::Kind::Paragraph,
                    std::string(_("No wishes and feelings recorded")) + ": " + a.noWishesReason);
        if (!p.text.empty()) doc.add(Block::Kind::Paragraph, p.text);
        addCitations(doc, file, p.citations, all);
    }

    doc.add(Block::Kind::Heading, _("Evidence list"));
    if (all.empty()) doc.add(Block::Kind::Paragraph, _("No evidence cited."));
    for (size_t i = 0; i < all.size(); ++i) {
        const Evidence e = resolveCitation(file, all[i]);
        doc.add(Block::Kind::Bullet, "[" + std::to_string(i + 1) + "] " +
                                         (e.found ? e.line() : std::string(_("not found on this device"))));
    }
    return true;
}

bool skinMapDocument(const CaseFile& file, const storage::Record& record, Document& doc, std::string& error) {
    if (record.kind != kinds::kSkinMap) return error = "not a skin map", false;
    std::shared_ptr<const skinmap::SkinMap> map;
    try {
        map = std::make_shared<skinmap::SkinMap>(skinmap::skinMapFromJson(record.payload));
    } catch (const std::exception& e) {
        error = e.what();
        return false;
    }
    doc = Document{};
    frame(file, doc, i18n::language().c_str());
    doc.title = _("Skin map");
    doc.add(Block::Kind::Title, _("Skin map"));
    doc.add(Block::Kind::Paragraph, _("Visible marks only. No undressing, no photographs."));
    const skinmap::SkinMapHeader& h = map->header;
    doc.add(Block::Kind::Paragraph, std::string(_("Completed by")) + ": " + h.completedByName +
                                        (h.completedByRole.empty() ? "" : ", " + h.completedByRole));
    if (!h.accountGivenBy.empty())
        doc.add(Block::Kind::Paragraph, std::string(_("Account given by")) + ": " + h.accountGivenBy);
    doc.add(Block::Kind::Paragraph, std::string(_("First noticed or disclosed")) + ": " +
                                        model::formatForPeople(h.firstNoticedAt) + "   " + _("Recorded") +
                                        ": " + model::formatForPeople(h.recordedAt));
    if (record.status == storage::RecordStatus::Signed)
        doc.add(Block::Kind::Note, std::string(_("Signed by")) + " " + record.signedBy + ", " +
                                       model::formatForPeople(record.signedAt));

    // Each view with its numbered marks, two views to a row: the same outlines and discs the
    // app draws (app/tools/skin_map/report).
    const skinmap::SkinMapLayout probe = skinmap::layoutSkinMap(*map, 1000);
    std::vector<skinmap::ViewId> views;
    for (const skinmap::SkinMapLayout::Panel& panel : probe.panels)
        views.push_back(panel.view);
    for (size_t first = 0; first < views.size(); first += 2) {
        std::vector<skinmap::ViewId> row(views.begin() + long(first),
                                         views.begin() + long(std::min(first + 2, views.size())));
        std::vector<std::string> captions;
        for (skinmap::ViewId id : row)
            captions.push_back(_(skinmap::viewTitle(id)));
        Block drawing;
        drawing.kind = Block::Kind::Drawing;
        drawing.height = 250;
        drawing.draw = [map, row, captions](cairo_t* cr, double x, double y, double w, double h) {
            const double cell = w / 2, boxHeight = h - 16;
            for (size_t i = 0; i < row.size(); ++i) {
                const skinmap::OutlineView& view = skinmap::outlineView(map->bodyShape, row[i]);
                const double width = std::min(cell * 0.85, boxHeight / view.aspect);
                const double height = width * view.aspect;
                const skinmap::Rect frame{x + cell * double(i) + (cell - width) / 2, y, width, height};
                cairo_new_path(cr);
                skinmap::drawOutline(cr, view, frame);
                for (const skinmap::Mark& mark : map->marks) {
                    if (mark.view != row[i]) continue;
                    double mx, my;
                    skinmap::toFrame(frame, mark.position, mx, my);
                    cairo_new_path(cr);
                    skinmap::drawMarkDisc(cr, mx, my, std::max(6.0, skinmap::markRadius(frame.width)),
                                          mark.number);
                }
                cairo_new_path(cr);
                cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
                cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
                cairo_set_font_size(cr, 9);
                cairo_text_extents_t ext;
                cairo_text_extents(cr, captions[i].c_str(), &ext);
                cairo_move_to(cr, x + cell * double(i) + (cell - ext.x_advance) / 2, y + height + 12);
                cairo_show_text(cr, captions[i].c_str());
            }
        };
        doc.blocks.push_back(std::move(drawing));
    }

    doc.add(Block::Kind::Heading, _("Marks"));
    Block table;
    table.kind = Block::Kind::Table;
    table.columns = {0.07, 0.28, 0.65};
    table.rows.push_back({_("No."), _("Where"), _("What was seen")});
    for (const skinmap::Mark& mark : map->marks)
        table.rows.push_back({std::to_string(mark.number),
                              mark.regionName + " (" + _(skinmap::viewTitle(mark.view)) + ")",
                              skinmap::describeMark(mark)});
    if (map->marks.empty()) table.rows.push_back({"", "", _("No marks recorded.")});
    doc.blocks.push_back(std::move(table));
    for (const skinmap::Mark& mark : map->marks)
        for (const skinmap::Explanation& ex : mark.explanations) {
            doc.add(Block::Kind::Note, std::to_string(mark.number) + ". " + ex.who + ":");
            doc.add(Block::Kind::Quote, "\u201c" + ex.words + "\u201d");
        }
    if (!map->patternNotes.empty()) {
        doc.add(Block::Kind::Subheading, _("Pattern"));
        doc.add(Block::Kind::Paragraph, map->patternNotes);
    }
    const auto concerns = skinmap::concerns(*map);
    if (!concerns.empty()) {
        doc.add(Block::Kind::Subheading, _("Prompts of high concern"));
        for (const skinmap::Concern& c : concerns)
            doc.add(Block::Kind::Bullet, _(c.message));
    }
    return true;
}

bool childLetterDocument(const CaseFile& file, const storage::Record& record, Document& doc,
                         std::string& error) {
    model::ChildImpactAnalysis a;
    if (!readAnalysis(record, a, error)) return false;
    const char* lang = file.language.c_str();
    // Dates too (their month names) in the child's language.
    const i18n::ScopedLanguage childsLanguage(file.language);
    doc = Document{};
    frame(file, doc, lang);
    doc.fontSize = 15; // large type
    doc.title = i18n::trIn(lang, "A letter for you");
    doc.add(Block::Kind::Title, i18n::trIn(lang, "A letter for you"));
    // A friendly picture: a sun, drawn rather than loaded, so the letter needs no file.
    Block sun;
    sun.kind = Block::Kind::Drawing;
    sun.height = 70;
    sun.draw = [](cairo_t* cr, double x, double y, double w, double h) {
        const double cx = x + w - 50, cy = y + h / 2;
        cairo_set_source_rgb(cr, 1.0, 0.78, 0.2);
        for (int i = 0; i < 12; ++i) {
            const double t = i * M_PI / 6;
            cairo_move_to(cr, cx + std::cos(t) * 24, cy + std::sin(t) * 24);
            cairo_line_to(cr, cx + std::cos(t) * 32, cy + std::sin(t) * 32);
        }
        cairo_set_line_width(cr, 3);
        cairo_stroke(cr);
        cairo_arc(cr, cx, cy, 18, 0, 2 * M_PI);
        cairo_fill(cr);
    };
    doc.blocks.push_back(std::move(sun));
    doc.add(Block::Kind::Paragraph,
            std::string(i18n::trIn(lang, "Dear")) + " " + childFirstName(file.child.displayName) + ",");
    // The dates the child was seen.
    std::vector<std::string> dates;
    for (const storage::Record& r : file.records)
        if (r.kind == kinds::kVisit && r.status == storage::RecordStatus::Signed) {
            const std::string d = visitDate(r);
            if (std::find(dates.begin(), dates.end(), d) == dates.end()) dates.push_back(d);
        }
    doc.add(Block::Kind::Paragraph,
            i18n::trIn(lang, "Thank you for talking with me and for doing the activities. "
                             "We met on these days:"));
    for (const std::string& d : dates)
        doc.add(Block::Kind::Bullet, d);
    doc.add(Block::Kind::Heading, i18n::trIn(lang, "What you told me"));
    doc.add(Block::Kind::Paragraph,
            i18n::trIn(lang, "These are your own words and choices, just as you gave them. "
                             "I will tell the judge about them."));
    for (const model::ImpactCitation& c : a.part(model::ImpactSection::WishesFeelings).citations) {
        const Evidence e = resolveIn(file, c, lang);
        if (!e.found) continue;
        doc.add(Block::Kind::Note, e.date + ": " + e.question);
        doc.add(Block::Kind::Quote, e.ownWords ? "\u201c" + e.answer + "\u201d" : e.answer);
    }
    doc.add(Block::Kind::Heading, i18n::trIn(lang, "What happens next"));
    doc.add(
        Block::Kind::Paragraph,
        i18n::trIn(lang,
                   "I will write a report for the judge. The judge is the person who decides what happens. "
                   "I will tell the judge what you said and what I think is best for you. The judge "
                   "will listen to everyone and then decide."));
    doc.add(Block::Kind::Paragraph,
            i18n::trIn(lang, "You can keep this letter. If you have a question, ask the "
                             "grown-up who looks after you to call me."));
    return true;
}

const char* reportTypeTitle(const std::string& type) {
    if (type == kChildImpactReport) return N_("Child impact analysis");
    if (type == kSkinMapReport) return N_("Skin map");
    if (type == kChildLetter) return N_("A letter for you");
    if (type == kVisitReport) return N_("Visit record");
    if (type == kConflictAnalysisReport) return N_("Impact of parental conflict: analysis");
    return N_("Report");
}

bool buildDocument(const CaseFile& file, const storage::Record& record, const std::string& reportType,
                   Document& out, std::string& error) {
    if (reportType == kChildImpactReport) return childImpactDocument(file, record, out, error);
    if (reportType == kSkinMapReport) return skinMapDocument(file, record, out, error);
    if (reportType == kChildLetter) return childLetterDocument(file, record, out, error);
    if (reportType == kVisitReport) return visitDocument(file, record, out, error);
    if (reportType == kConflictAnalysisReport) return conflictAnalysisDocument(file, record, out, error);
    error = "no report type " + reportType;
    return false;
}

} // namespace heard::report
