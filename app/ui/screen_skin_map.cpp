// The skin map of a visit or concern: the tool's own screen (app/tools/skin_map) inside the
// screen frame. Its saves, signing and closing happen after the frame (SkinMapEditor).
#include "app/i18n/i18n.h"
#include "app/report/case_reports.h"
#include "app/tools/skin_map/view/skin_map_controller.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/screens.h"

namespace heard::ui {

void drawSkinMapScreen(App& app, Actions& actions) {
    skinmap::SkinMapController* controller = app.editors().skinMap.controller();
    if (!controller) {
        actions.later([](App& a) { a.show(a.childId().empty() ? ScreenId::Caseload : ScreenId::Child); });
        return;
    }
    beginScreen("##skinmap");
    drawChildIdentity(app); // whom the map is about, above the tool's own toolbar
    controller->draw();
    // A signed map can go on file as a PDF (SF 2.97; issue 16).
    if (controller->isSigned() && bigButton(_("Make the skin map report (PDF)"), "skinmap.make_report"))
        actions.later([id = controller->recordId()](App& a) {
            a.editors().reportViewer.makeAndOpen(a, id, report::kSkinMapReport);
        });
    endScreen();
    if (controller->closeRequested()) actions.later([](App& a) { a.closeSkinMap(); });
}

} // namespace heard::ui
