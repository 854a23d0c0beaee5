#include "child_harness.h"

#include "platform/ui_tags.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

namespace heard::test {

void beginChildMode(WorkflowApp& w, const std::string& childId, const std::string& contentId) {
    w.driver->tap("caseload.child." + childId);
    w.driver->tap("child.start_visit");
    w.driver->tap("visit.confidentiality");
    w.driver->tap("visit.begin");
    w.app->enterChildMode(contentId);
    w.driver->frames(2);
    REQUIRE((w.app->screen() == ui::ScreenId::ChildMode));
}

void stopAndHandBack(WorkflowApp& w) {
    w.driver->tap("activity.stop");
    w.driver->tap("activity.stop.yes");
    REQUIRE(w.driver->has("activity.end"));
    w.driver->tap("activity.done");
    w.driver->frames(2);
    REQUIRE(w.app->editors().childMode.askingToLeave);
}

std::array<int, 10> keypadOrder(WorkflowApp& w) {
    std::vector<std::pair<std::pair<float, float>, int>> places;
    for (int digit = 0; digit < 10; ++digit) {
        const auto r = w.driver->rect("childmode.pin.digit." + std::to_string(digit));
        places.push_back({{std::round(r.y0), r.x0}, digit});
    }
    std::sort(places.begin(), places.end());
    std::array<int, 10> order{};
    for (size_t i = 0; i < 10; ++i)
        order[i] = places[i].second;
    return order;
}

void tapPin(WorkflowApp& w, const std::string& pin) {
    for (char c : pin)
        w.driver->tap(std::string("childmode.pin.digit.") + c);
    w.driver->frames(1);
    for (int i = 0; i < 3000 && (w.app->editors().childMode.checking() || w.app->session().pinWorking());
         ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        w.driver->frames(1);
    }
    w.driver->frames(2);
}

float gapBetween(const std::string& a, const std::string& b, WorkflowApp& w) {
    const auto ra = w.driver->rect(a), rb = w.driver->rect(b);
    const float dx = std::max({0.0f, rb.x0 - ra.x1, ra.x0 - rb.x1});
    const float dy = std::max({0.0f, rb.y0 - ra.y1, ra.y0 - rb.y1});
    return std::sqrt(dx * dx + dy * dy);
}

std::vector<std::string> childButtons() {
    std::vector<std::string> out;
    for (const auto& tag : platform::TagRegistry::instance().visibleTags()) {
        const bool button = tag.rfind("activity.", 0) == 0 || tag.rfind("choice.", 0) == 0 ||
                            tag.rfind("face.", 0) == 0 || tag.rfind("scale.", 0) == 0;
        const bool notButton =
            tag == "activity.prompt" || tag == "activity.title" || tag == "activity.next.why" ||
            tag == "activity.end" || tag == "activity.read_back" || tag == "activity.stop.question" ||
            tag == "activity.note" || tag == "activity.about" || tag.rfind("activity.interpretation", 0) == 0;
        if (button && !notButton) out.push_back(tag);
    }
    return out;
}

void setPinInSettings(WorkflowApp& w, const std::string& pin, const std::string& repeat) {
    w.app->show(ui::ScreenId::Settings);
    w.driver->frames(2);
    w.tapAndType("settings.pin.new", pin);
    w.tapAndType("settings.pin.repeat", repeat);
    w.driver->tap("settings.pin.set");
    w.driver->frames(1);
    for (int i = 0; i < 3000 && w.app->session().pinWorking(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        w.driver->frames(1);
    }
    w.driver->frames(2);
}

} // namespace heard::test
