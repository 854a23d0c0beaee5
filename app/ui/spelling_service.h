// The App's spelling: the kit's text areas ask it (ui::SpellingService); it keeps one Aspell
// speller per language (app/model/spelling.h) and the practitioner's own words, which live in
// the encrypted store's settings ("add to my words") and are forgotten on lock.
#pragma once

namespace heard::ui {

class App;

// Called before each frame's screens: installs the service, loads the practitioner's words
// when a store has opened, forgets them when it has closed.
void syncSpelling(App& app);

// How many Aspell spellers are open (tests: none after a lock, so nothing checked is kept).
int openSpellerCount();

// The settings key holding the practitioner's words for a language, one a line.
const char* myWordsSettingKey(const char* language);

} // namespace heard::ui
