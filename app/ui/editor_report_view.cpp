// A stored report, page by page (issue 16, item 4). The page is drawn from the stored PDF's own
// bytes (checked against their hash, rendered by poppler: app/report/pdf_pages.h) into pixels
// and handed to SDL as one texture, so the practitioner sees exactly what was signed and sent,
// never a fresh rendering of the record that could differ from it; nothing is written to disk. Export writes
// the stored PDF bytes only to a path the practitioner typed, after a warning they must tick, and is audited.
#include "app/i18n/i18n.h"
#include "app/report/pdf_pages.h"
#include "app/report/report_store.h"
#include "app/ui/app.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/editors.h"

#include <SDL.h>

namespace heard::ui {

ReportViewer::~ReportViewer() {
    if (texture) SDL_DestroyTexture(texture);
}

const char* ReportViewer::what() const {
    return _("the report");
}

void ReportViewer::clearState() {
    if (texture) SDL_DestroyTexture(texture);
    texture = nullptr;
    reportId.clear();
    title.clear();
    error.clear();
    page = pages = textureWidth = textureHeight = 0;
    exportPath.clear();
    exportConfirmed = false;
    exported.clear();
    m_pdf.clear();
}

void ReportViewer::open(App& app, const std::string& reportRecordId) {
    storage::Store* store = app.store();
    if (!store) return;
    clear();
    const auto r = store->openRecord(reportRecordId, app.author()); // audited: a report was read
    const std::string type = r.payload.is_object() ? r.payload.value("report", std::string()) : "";
    // The stored bytes, or nothing: a report whose bytes do not match their hash is not shown.
    if (!report::reportBytes(r, m_pdf, error) || !report::pdfPageCount(m_pdf, pages, error)) {
        m_pdf.clear();
        pages = 0;
        error = std::string(_("This report cannot be shown: ")) + error;
    }
    reportId = r.id;
    title = _(report::reportTypeTitle(type));
    app.nav().setRecord(reportId);
    app.show(ScreenId::Report);
    if (pages > 0) showPage(app, 0);
}

void ReportViewer::makeAndOpen(App& app, const std::string& recordId, const std::string& reportType) {
    storage::Store* store = app.store();
    if (!store) return;
    const auto of = store->recordById(recordId);
    if (!of) return;
    const report::CaseFile file = report::loadCaseFile(*store, of->childId, &app.activityLibrary());
    storage::Record made;
    std::string problem;
    if (!report::makeReport(*store, file, *of, reportType, app.author(), made, problem)) {
        app.notice = {std::string(_("The report could not be made: ")) + problem, true};
        return;
    }
    open(app, made.id);
}

void ReportViewer::showPage(App& app, int wanted) {
    if (wanted < 0 || wanted >= pages) return;
    const int width = std::max(600, std::min(1400, int(app.window().width() * 0.9f)));
    int height = 0, stride = 0;
    std::vector<unsigned char> pixels;
    if (!report::pdfPagePixels(m_pdf, wanted, width, height, stride, pixels, error)) return;
    if (texture) SDL_DestroyTexture(texture);
    // cairo's ARGB32 is native-endian ARGB: SDL's ARGB8888 on this tablet.
    texture = SDL_CreateTexture(app.window().sdlRenderer(), SDL_PIXELFORMAT_ARGB8888,
                                SDL_TEXTUREACCESS_STATIC, width, height);
    if (!texture) {
        error = SDL_GetError();
        return;
    }
    SDL_UpdateTexture(texture, nullptr, pixels.data(), stride);
    textureWidth = width;
    textureHeight = height;
    page = wanted;
}

void ReportViewer::exportTo(App& app) {
    storage::Store* store = app.store();
    if (!store || !exportConfirmed || exportPath.empty()) return;
    const auto r = store->recordById(reportId);
    std::string problem;
    if (!r || !report::exportReport(*store, *r, exportPath, app.author(), problem)) {
        app.notice = {std::string(_("The report was not exported: ")) + problem, true};
        return;
    }
    exported = exportPath;
    exportConfirmed = false;
    app.notice = catalogueNotice(
        N_("Report exported. Keep the file safe and delete it when it has gone where it must."));
}

} // namespace heard::ui
