// A stored report, page by page (issue 16, item 4): the stored PDF's page as a texture, the
// page buttons, and export to a path the practitioner types after a warning they tick.
#include "app/i18n/i18n.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/screens.h"

#include <cstdio>

namespace heard::ui {

void drawReportScreen(App& app, Actions& actions) {
    beginScreen("##report");
    ReportViewer& v = app.editors().reportViewer;
    if (screenHeader(_("< Back"), v.title.empty() ? _("Report") : v.title.c_str()))
        actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    if (!v.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
        ImGui::TextWrapped("%s", v.error.c_str());
        ImGui::PopStyleColor();
    }
    if (v.pages > 0) {
        if (bigButton(_("< Previous page"), "report.previous") && v.page > 0)
            actions.later([p = v.page - 1](App& a) { a.editors().reportViewer.showPage(a, p); });
        ImGui::SameLine();
        char text[64];
        std::snprintf(text, sizeof text, _("Page %d of %d"), v.page + 1, v.pages);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(text);
        tag("report.page_number");
        ImGui::SameLine();
        if (bigButton(_("Next page >"), "report.next") && v.page + 1 < v.pages)
            actions.later([p = v.page + 1](App& a) { a.editors().reportViewer.showPage(a, p); });
    }
    if (v.texture) {
        const float width = std::min(ImGui::GetContentRegionAvail().x, float(v.textureWidth));
        const float height = width * float(v.textureHeight) / float(v.textureWidth);
        ImGui::Image(reinterpret_cast<ImTextureID>(v.texture), ImVec2(width, height));
        tag("report.page");
    }
    sectionHeader(_("Export"));
    mutedText(
        _("The report stays encrypted on this tablet and syncs with its record. A file you export is not "
          "encrypted: anyone who finds it can read it. Export only to a place your organisation allows, "
          "and delete the file when it has gone where it must."));
    textField(_("Save as (full path)"), _("/media/secure-drive/report.pdf"), v.exportPath,
              "report.export_path", 1);
    bigCheckbox(_("I understand the file will not be encrypted"), v.exportConfirmed, "report.export_confirm");
    if (bigButton(_("Export the PDF"), "report.export") && v.exportConfirmed)
        actions.later([](App& a) { a.editors().reportViewer.exportTo(a); });
    if (!v.exported.empty()) mutedText((std::string(_("Exported to")) + " " + v.exported).c_str());
    endScreen();
}

} // namespace heard::ui
