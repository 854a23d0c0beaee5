#include "app/ui/tour.h"

#include "platform/paths.h"

#include <cstdio>

namespace heard::ui {

namespace {
void show(App& app, ScreenId screen) {
    Navigation nav = app.navigation();
    nav.screen = screen;
    app.navigate(nav);
}
} // namespace

std::vector<TourStop> tourStops() {
    return {
        {"unlock", [](App& app) { show(app, ScreenId::Unlock); }},
        {"caseload", [](App& app) { show(app, ScreenId::Caseload); }},
        {"child", [](App& app) { show(app, ScreenId::Child); }},
        {"visit", [](App& app) { show(app, ScreenId::Visit); }},
    };
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
