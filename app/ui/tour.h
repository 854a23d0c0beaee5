// The screenshot tour: every screen, in landscape and portrait, saved as numbered PNGs.
#pragma once

#include "app/ui/app.h"

#include <functional>
#include <string>
#include <vector>

namespace heard::ui {

struct TourStop {
    std::string name;                  // file-name friendly: "caseload", "visit-sign-refused"
    std::function<void(App&)> prepare; // puts the App on the screen to show
};

// The stops in order. Each screen adds its stops here.
std::vector<TourStop> tourStops();
// Issue 16's stops (tour_court.cpp): the court matter, the child impact analysis, its reports.
std::vector<TourStop> courtTourStops();
// Issue 18.2's stops (tour_people.cpp): the child's people, My world, names in the prompts.
std::vector<TourStop> peopleTourStops();
// Issue 18.3's stops (tour_answers.cpp): pictures-only scales, several feelings, the short
// conflict activity, each for a child of the age that gets it.
std::vector<TourStop> answersTourStops();
// Unlocks the demo, opens childId and begins a visit with its start fields filled (tour.cpp).
void startTourVisit(App& app, const char* childId);
// Leaves child mode with the demo passphrase and waits (at most 15 s) for its check (tour.cpp).
void leaveTourChildMode(App& app);
// Issue 18.5's stops (tour_practitioner.cpp): guidance before hand-over, the drawing's account,
// the judge's agreement step, the interpretation and the record of sending after hand-back.
std::vector<TourStop> practitionerTourStops();

struct TourSize {
    const char* name;
    int width, height;
};
inline constexpr TourSize kTourSizes[] = {{"landscape", 1280, 800}, {"portrait", 800, 1280}};

// Renders every stop at every size into dir as NN-size-name.png. Returns false and fills
// error on the first failure (dir not writable, a screen that could not be shown).
bool runTour(App& app, const std::string& dir, std::string& error,
             std::vector<std::string>* written = nullptr);

} // namespace heard::ui
