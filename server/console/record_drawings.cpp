#include "server/console/record_drawings.h"

#include "app/i18n/i18n.h"
#include "app/report/case_reports.h"
#include "app/tools/parental_conflict/model/conflict_analysis.h"
#include "app/tools/skin_map/model/skin_map_json.h"
#include "app/tools/skin_map/report/skin_map_render.h"

#include <cairo.h>

#include <memory>
#include <mutex>

namespace heard::server::console {

namespace {

// One lock for the tablet's process-wide language and its lazily loaded catalogues.
std::mutex& i18nLock() {
    static std::mutex lock;
    return lock;
}

// The activities' wording (questions, choice labels), read once from the installed assets.
const tools::ContentLibrary& library() {
    static const tools::ContentLibrary lib = tools::loadContentFolders(tools::contentFolders());
    return lib;
}

cairo_status_t appendPng(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

storage::Record asRecord(const ReceivedBody& body) {
    storage::Record r;
    r.id = body.id;
    r.kind = body.kind;
    r.caseId = body.caseId;
    r.childId = body.childId;
    r.parentId = body.parentId;
    r.createdAt = body.createdAt;
    r.signedAt = body.signedAt;
    r.status = storage::RecordStatus::Signed;
    r.payload = body.payload;
    return r;
}

} // namespace

std::string skinMapPng(const nlohmann::json& payload, Lang lang, int width, std::string& error) {
    skinmap::SkinMap map;
    try {
        map = skinmap::skinMapFromJson(payload);
    } catch (const std::exception& e) {
        error = e.what();
        return {};
    }
    std::lock_guard<std::mutex> hold(i18nLock());
    i18n::ScopedLanguage language(langCode(lang));
    const skinmap::SkinMapLayout layout = skinmap::layoutSkinMap(map, width);
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, layout.width, layout.height), cairo_surface_destroy);
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), cairo_destroy);
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    skinmap::drawSkinMap(cr.get(), map, layout);
    cairo_surface_flush(surface.get());
    std::string png;
    if (cairo_surface_write_to_png_stream(surface.get(), appendPng, &png) != CAIRO_STATUS_SUCCESS) {
        error = "the picture could not be encoded";
        return {};
    }
    return png;
}

std::vector<std::string> skinMapLegend(const nlohmann::json& payload, Lang lang) {
    std::vector<std::string> lines;
    skinmap::SkinMap map;
    try {
        map = skinmap::skinMapFromJson(payload);
    } catch (const std::exception&) {
        return lines;
    }
    std::lock_guard<std::mutex> hold(i18nLock());
    i18n::ScopedLanguage language(langCode(lang));
    for (const auto& mark : map.marks)
        lines.push_back(skinmap::describeMark(mark));
    return lines;
}

AnalysisView
conflictAnalysisView(const nlohmann::json& payload, const std::string& childId, Lang lang,
                     const std::function<std::optional<ReceivedBody>(const std::string& id)>& bodyOf) {
    AnalysisView view;
    tools::ConflictAnalysis analysis;
    if (!tools::analysisFromJson(payload, analysis, view.error)) return view;
    // The case file the court report would resolve against: the cited activities and their visits.
    report::CaseFile file;
    file.child.id = childId;
    file.library = &library();
    std::vector<std::string> wanted;
    for (auto section : tools::conflictSections())
        for (const auto& c : analysis.section(section).citations)
            wanted.push_back(c.activityRecordId);
    for (const auto& id : wanted) {
        if (file.find(id)) continue;
        auto body = bodyOf(id);
        if (!body || body->childId != childId) continue;
        file.records.push_back(asRecord(*body));
        if (!body->parentId.empty() && !file.find(body->parentId))
            if (auto visit = bodyOf(body->parentId); visit && visit->childId == childId)
                file.records.push_back(asRecord(*visit));
    }
    std::lock_guard<std::mutex> hold(i18nLock());
    const std::string code = langCode(lang);
    i18n::ScopedLanguage language(code);
    for (auto section : tools::conflictSections()) {
        const tools::AnalysisSection& s = analysis.section(section);
        AnalysisSectionView out;
        out.id = tools::sectionId(section);
        out.title = i18n::trIn(code, tools::sectionTitle(section));
        out.text = s.text;
        out.notApplicable = s.notApplicable;
        for (const auto& c : s.citations) {
            CitedAnswer cited;
            cited.recordId = c.activityRecordId;
            cited.stepId = c.stepId;
            const report::Evidence e = report::resolveCitation(file, {c.activityRecordId, c.stepId});
            cited.found = e.found;
            cited.date = e.date;
            cited.source = e.source;
            cited.question = e.question;
            cited.answer = e.answer;
            cited.ownWords = e.ownWords;
            out.cited.push_back(std::move(cited));
        }
        view.sections.push_back(std::move(out));
    }
    for (auto indicator : tools::conflictIndicators()) {
        const tools::IndicatorMark& mark = analysis.indicator(indicator);
        if (mark.applies)
            view.indicators.emplace_back(i18n::trIn(code, tools::indicatorTitle(indicator)), mark.note);
    }
    if (analysis.harmJudgement != tools::HarmJudgement::NotChosen)
        view.judgement = i18n::trIn(code, tools::harmJudgementLabel(analysis.harmJudgement));
    return view;
}

} // namespace heard::server::console
