#include "app/ui/tour.h"

#include "app/tools/skin_map/model/skin_map_demo.h"
#include "platform/paths.h"

#include <cstdio>

namespace heard::ui {

namespace {
void show(App& app, ScreenId screen) {
    Navigation nav = app.navigation();
    nav.screen = screen;
    app.navigate(nav);
}

// The skin map with the fictional demo map, opened afresh (so the notice shows), or past
// the notice on a given view with a mark selected.
void showSkinMap(App& app, bool pastNotice, skinmap::ViewId view, int selectedMark) {
    skinmap::openSkinMapView(app.skinMap(), skinmap::demoSkinMap(), false);
    app.skinMap().noticeAcknowledged = pastNotice;
    app.skinMap().view = view;
    app.skinMap().selectedMark = selectedMark;
    show(app, ScreenId::SkinMap);
}
// A wishes-and-feelings activity in child mode, at its first screen (issue 6).
void showActivity(App& app, const std::string& contentId, const std::string& language) {
    app.activity().start(contentId, language);
    show(app, ScreenId::Activity);
}
} // namespace

std::vector<TourStop> tourStops() {
    std::vector<TourStop> stops = {
        {"unlock", [](App& app) { show(app, ScreenId::Unlock); }},
        {"caseload", [](App& app) { show(app, ScreenId::Caseload); }},
        {"child", [](App& app) { show(app, ScreenId::Child); }},
        {"visit", [](App& app) { show(app, ScreenId::Visit); }},
        {"skin-map-notice", [](App& app) { showSkinMap(app, false, skinmap::ViewId::BodyFront, 0); }},
        {"skin-map-front", [](App& app) { showSkinMap(app, true, skinmap::ViewId::BodyFront, 1); }},
        {"skin-map-hand", [](App& app) { showSkinMap(app, true, skinmap::ViewId::LeftPalm, 3); }},
    };
    // Every wishes-and-feelings activity in child mode, in English and in Welsh (issue 6).
    for (const char* id : {"feelings_faces", "three_wishes", "three_houses", "my_world", "scaling", "two_homes",
                           "drawing", "words_for_judge"}) {
        for (const char* language : {"en", "cy"}) {
            stops.push_back({std::string("activity-") + id + "-" + language,
                             [id, language](App& app) { showActivity(app, id, language); }});
        }
    }
    return stops;
}

bool runTour(App& app, const std::string& dir, std::string& error, std::vector<std::string>* written) {
    if (!platform::makeDirs(dir)) {
        error = "cannot create the tour folder " + dir;
        return false;
    }
    int number = 1;
    for (const TourSize& size : kTourSizes) {
        app.window().setSize(size.width, size.height);
        for (const TourStop& stop : tourStops()) {
            stop.prepare(app);
            // A few frames so layouts that measure themselves (auto-fit, scrolling) settle.
            for (int i = 0; i < 3; ++i) app.runOneFrame();
            char name[64];
            std::snprintf(name, sizeof name, "%02d-%s-", number++, size.name);
            const std::string path = dir + "/" + name + stop.name + ".png";
            app.window().queueScreenshot(path);
            app.runOneFrame();
            if (!app.window().lastScreenshotOk()) {
                error = "could not save " + path;
                return false;
            }
            if (written) written->push_back(path);
        }
    }
    return true;
}

} // namespace heard::ui
