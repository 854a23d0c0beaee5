// The practitioner's settings (issue 13.7): the app's language and the text size. They are kept
// in the encrypted store's settings, so they belong to the practitioner whose store it is, and
// are applied when that store is unlocked. The settings screen is screen_settings.cpp.
#pragma once

#include <string>

namespace heard::storage {
class Store;
} // namespace heard::storage

namespace heard::ui {

class App;

// The text sizes offered, as multiples of the display's own scale (100% to 200%).
inline constexpr float kTextSizes[] = {1.0f, 1.25f, 1.5f, 1.75f, 2.0f};

struct PractitionerSettings {
    std::string language;  // "en", "cy"; empty: not chosen (the app's default stays)
    float textSize = 0.0f; // one of kTextSizes; 0: not chosen
};

PractitionerSettings readSettings(storage::Store& store);
void saveSettings(storage::Store& store, const PractitionerSettings& settings);
// The language at once, the text size from the next frame.
void applySettings(App& app, const PractitionerSettings& settings);
// After unlock: the practitioner's saved settings, if any (a failure to read leaves the
// defaults and a notice).
void applyPractitionerSettings(App& app);

// A child's own setting (issue 18.1): read each screen of their activities aloud as it opens.
// Kept on this tablet's encrypted store, per child; off until the practitioner turns it on.
bool readAloudFor(storage::Store& store, const std::string& childId);
void setReadAloudFor(storage::Store& store, const std::string& childId, bool on);

} // namespace heard::ui
